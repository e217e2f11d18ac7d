#!/usr/bin/env bash
# Installs hive-relay as a systemd service on this machine, or upgrades it in place:
#
#   sudo deploy/systemd/install.sh [--jar FILE] [--no-aot] [--no-start]
#
#   /opt/hive-relay/hive-relay.jar       the relay (default: relay-cli/target/hive-relay.jar,
#                                        built with the Maven wrapper when missing)
#   /opt/hive-relay/jre                  a link to the Java 21+ runtime it runs on
#   /opt/hive-relay/hive-relay.aot       the JDK 25 AOT cache (Java 25+ only; skip: --no-aot)
#   /usr/local/bin/hive-relay            the wrapper every command goes through
#   /etc/hive-relay/env                  optional settings, kept on upgrades
#   /etc/systemd/system/hive-relay.service
#   user and group 'hive'; data in /var/lib/hive-relay (systemd's StateDirectory)
#
# Then it enables and (re)starts the service. With DESTDIR=/some/dir it only lays the files out
# under that directory (no user, no systemctl): that is how the tests run it.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
jar=""
aot=1
start=1
while [ "$#" -gt 0 ]; do
  case "$1" in
    --jar) jar=$2; shift 2 ;;
    --jar=*) jar=${1#--jar=}; shift ;;
    --no-aot) aot=0; shift ;;
    --no-start) start=0; shift ;;
    -h|--help) sed -n '2,17s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

dest=${DESTDIR:-}
if [ -z "$dest" ] && [ "$(id -u)" != 0 ]; then
  echo "install.sh: run it as root (sudo), or set DESTDIR to lay the files out elsewhere" >&2
  exit 1
fi

# The newest Java runtime >= 21: $JAVA_HOME, the java on PATH, or one under /usr/lib/jvm.
java_major() {
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null
}
java_home=""
best=0
candidates=()
[ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
command -v java >/dev/null 2>&1 && candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
for dir in /usr/lib/jvm/*; do [ -L "$dir" ] || candidates+=("$dir"); done
for home in "${candidates[@]}"; do
  [ -x "$home/bin/java" ] || continue
  v=$(java_major "$home")
  [[ "$v" =~ ^[0-9]+$ ]] || continue
  if [ "$v" -ge 21 ] && [ "$v" -gt "$best" ]; then java_home=$home; best=$v; fi
done
if [ -z "$java_home" ]; then
  echo "install.sh: no Java 21 or newer found; install one (e.g. apt-get install openjdk-21-jre-headless) or set JAVA_HOME" >&2
  exit 1
fi

if [ -z "$jar" ]; then
  jar=$root/relay-cli/target/hive-relay.jar
  if [ ! -f "$jar" ]; then
    echo "install.sh: building $jar with the Maven wrapper..." >&2
    (cd "$root" && JAVA_HOME=$("$root/bin/find-jdk") ./mvnw -B -DskipTests package >/dev/null)
  fi
fi
[ -f "$jar" ] || { echo "install.sh: no jar at $jar" >&2; exit 1; }

opt=$dest/opt/hive-relay
install -d -m 0755 "$opt" "$dest/usr/local/bin" "$dest/etc/systemd/system"
install -m 0644 "$jar" "$opt/hive-relay.jar"
ln -sfn "$java_home" "$opt/jre"
install -m 0755 "$root/deploy/bin/hive-relay" "$dest/usr/local/bin/hive-relay"
install -m 0644 "$root/deploy/systemd/hive-relay.service" "$dest/etc/systemd/system/hive-relay.service"
install -d -m 0755 "$dest/etc/hive-relay"
if [ ! -f "$dest/etc/hive-relay/env" ]; then
  cat >"$dest/etc/hive-relay/env" <<'ENV'
# Settings for hive-relay.service, one VAR=value a line (docs/configuration.md lists them all).
# Restart after a change: systemctl restart hive-relay
#HIVE_RELAY_ACCESS_TOKENS=
#HIVE_RELAY_TRUSTED_PROXIES=127.0.0.1
ENV
  chmod 0640 "$dest/etc/hive-relay/env"
fi

if [ -z "$dest" ]; then
  if ! id hive >/dev/null 2>&1; then
    useradd --system --user-group --home-dir /var/lib/hive-relay --no-create-home --shell /usr/sbin/nologin hive
  fi
  chgrp hive /etc/hive-relay/env
fi

rm -f "$opt/hive-relay.aot"
if [ "$aot" = 1 ] && [ "$best" -ge 25 ]; then
  HIVE_RELAY_HOME=$opt HIVE_RELAY_WRAPPER=$dest/usr/local/bin/hive-relay "$root/deploy/bin/build-aot-cache" \
    || echo "install.sh: no AOT cache (the relay starts without it, only slower)" >&2
fi

if [ -z "$dest" ]; then
  systemctl daemon-reload
  if [ "$start" = 1 ]; then
    systemctl enable hive-relay.service
    systemctl restart hive-relay.service
    echo "install.sh: hive-relay is running; check it with: systemctl status hive-relay; curl http://127.0.0.1:8443/v1/health"
  fi
else
  echo "install.sh: laid out under $dest"
fi
