#!/bin/sh
# The container's entry point: runs 'hive-relay serve' (or another hive-relay command) as the
# unprivileged user 'hive', with the data directory ($HIVE_RELAY_DATA_DIR, /data in the image)
# ready for it.
#
#   docker run hive-relay                     -> hive-relay serve
#   docker run hive-relay --max-sse 500       -> hive-relay serve --max-sse 500
#   docker run hive-relay keygen              -> hive-relay keygen
#
# The image runs as 'hive' by default. Some hosts (Fly.io volumes, for one) mount the data volume
# owned by root; an image built with --build-arg HIVE_RELAY_RUN_AS=root starts this script as
# root, which then gives the data directory to 'hive' and drops to it before the relay starts.
# The relay itself never runs as root here. Also runs outside a container (the tests do that).
set -eu

user=${HIVE_RELAY_USER:-hive}
data=${HIVE_RELAY_DATA_DIR:-}

if [ "$#" -eq 0 ]; then
  set -- serve
else
  case "$1" in
    -*) set -- serve "$@" ;;
  esac
fi

if [ "$(id -u)" = 0 ]; then
  if ! id "$user" >/dev/null 2>&1; then
    echo "entrypoint: no user '$user' to run the relay as; set HIVE_RELAY_USER to an existing user" >&2
    exit 1
  fi
  if [ -n "$data" ]; then
    mkdir -p "$data"
    # Only what is not already theirs: a large volume is not walked on every start.
    find "$data" \( ! -user "$user" -o ! -group "$(id -gn "$user")" \) -exec chown "$user:$(id -gn "$user")" {} +
    chmod 0700 "$data"
  fi
  exec setpriv --reuid="$user" --regid="$(id -gn "$user")" --init-groups \
    --no-new-privs env HOME="${data:-/}" "$0" "$@"
fi

if [ -n "$data" ]; then
  if [ ! -d "$data" ]; then
    mkdir -p "$data" 2>/dev/null || true
  fi
  if [ ! -w "$data" ]; then
    echo "entrypoint: the data directory $data is not writable by uid $(id -u) ($(id -un 2>/dev/null || echo '?'))." >&2
    echo "entrypoint: give it to that uid (e.g. 'chown -R $(id -u):$(id -g) <host dir>' for a bind mount)," >&2
    echo "entrypoint: or build the image with --build-arg HIVE_RELAY_RUN_AS=root so the entry point fixes it." >&2
    exit 1
  fi
fi

exec hive-relay "$@"
