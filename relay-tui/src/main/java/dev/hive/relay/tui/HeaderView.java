package dev.hive.relay.tui;

import dev.hive.relay.stats.HealthVerdict;
import dev.hive.relay.stats.ProcessInfo;
import dev.hive.relay.stats.RelaySnapshot;
import java.util.ArrayList;
import java.util.List;

/** The two header rows (identity, health, listeners) and the unreachable notice. */
final class HeaderView {

    private final Glyphs glyphs;

    HeaderView(Glyphs glyphs) {
        this.glyphs = glyphs;
    }

    List<Line> lines(TopModel model, int width, boolean interactive, long nowMillis) {
        List<Line> lines = new ArrayList<>();
        lines.add(identity(model, width, interactive));
        RelaySnapshot s = model.current();
        if (s != null) {
            lines.add(health(s, width).asData());
        }
        if (model.failure() != null) {
            lines.add(unreachable(model, width, nowMillis));
        }
        return lines;
    }

    private Line identity(TopModel model, int width, boolean interactive) {
        LineFitter fit = LineFitter.of(width, glyphs);
        RelaySnapshot s = model.current();
        if (s == null) {
            fit.left(LineFitter.Item.of(0, Span.of("hive-relay top", Style.TITLE)));
            fit.left(LineFitter.Item.plain(1, model.failure() == null ? "connecting" + glyphs.ellipsis() : "no data yet"));
        } else {
            ProcessInfo p = s.process();
            fit.left(LineFitter.Item.of(0, Span.of("hive-relay " + Text.sanitize(p.version()), Style.TITLE))
                    .or(Span.of("hive-relay", Style.TITLE)));
            fit.left(LineFitter.Item.of(1, Span.of("up ", Style.LABEL), Span.plain(Format.uptime(p.uptimeMillis()))));
            fit.left(gate(p));
        }
        if (interactive) {
            if (model.paused()) {
                fit.right(LineFitter.Item.of(0, Span.of("PAUSED", Style.WARN)));
            }
            fit.right(LineFitter.Item.of(1, Span.of("every ", Style.LABEL), Span.plain(Format.interval(model.interval())))
                    .orPlain(Format.interval(model.interval())));
        }
        return fit.build();
    }

    private static LineFitter.Item gate(ProcessInfo p) {
        String mode = Text.sanitize(p.gateMode());
        boolean tokens = "allowlist".equals(mode) || p.tokenCount() > 0;
        Span label = Span.of("gate ", Style.LABEL);
        Style style = "open".equals(mode) ? Style.WARN : Style.PLAIN;
        if (!tokens) {
            return LineFitter.Item.of(2, label, Span.of(mode, style));
        }
        String count = Format.plural(p.tokenCount(), "token", "tokens");
        return LineFitter.Item.of(2, label, Span.of(mode, style), Span.plain(" (" + count + ")"))
                .or(label, Span.of(mode, style));
    }

    private Line health(RelaySnapshot s, int width) {
        HealthVerdict h = s.health();
        Style style = switch (h.level()) {
            case OK -> Style.OK;
            case WARN -> Style.WARN;
            case CRIT -> Style.CRIT;
        };
        LineFitter fit = LineFitter.of(width, glyphs);
        Span label = Span.of("health ", Style.LABEL);
        Span level = Span.of(h.level().name(), style);
        if (h.level() == HealthVerdict.Level.OK || h.reasons().isEmpty()) {
            fit.left(LineFitter.Item.of(0, label, level));
        } else {
            String reason = Text.sanitize(h.reasons().get(0));
            String more = h.reasons().size() > 1 ? " (+" + (h.reasons().size() - 1) + " more)" : "";
            LineFitter.Item item = LineFitter.Item.of(0, label, level, Span.plain(": " + reason + more));
            // Shorten the reason itself, keeping "(+N more)" whole, before giving it up.
            int room = width - label.text().length() - level.text().length() - 2 - more.length();
            String shorter = Text.fitWords(reason, room, glyphs.ellipsis());
            if (!shorter.isEmpty() && !shorter.equals(reason)) {
                item.or(label, level, Span.plain(": " + shorter + more));
            }
            fit.left(item.or(label, level));
        }
        List<ProcessInfo.Listener> listeners = s.process().listeners();
        if (!listeners.isEmpty()) {
            StringBuilder all = new StringBuilder();
            for (ProcessInfo.Listener l : listeners) {
                all.append(all.isEmpty() ? "" : "  ").append(listener(l));
            }
            fit.left(LineFitter.Item.of(3, Span.of("listen ", Style.LABEL), Span.plain(all.toString()))
                    .or(Span.of("listen ", Style.LABEL), Span.plain(listener(listeners.get(0)))));
        }
        return fit.build();
    }

    private static String listener(ProcessInfo.Listener l) {
        return Text.sanitize(l.name()) + " " + Text.sanitize(l.address()) + (l.running() ? "" : " DOWN");
    }

    private Line unreachable(TopModel model, int width, long nowMillis) {
        LineFitter fit = LineFitter.of(width, glyphs);
        String head = "relay unreachable " + glyphs.dash() + " retrying every " + Format.interval(model.interval());
        if (model.paused()) {
            head = "relay unreachable " + glyphs.dash() + " paused";
        }
        fit.left(LineFitter.Item.of(0, Span.of(head, Style.ALERT))
                .or(Span.of("relay unreachable " + glyphs.dash() + " retrying", Style.ALERT)));
        String reason = Text.sanitize(model.failure());
        LineFitter.Item why = LineFitter.Item.of(1, Span.of("(" + reason + ")", Style.ALERT));
        String shorter = Text.fitWords(reason, width / 3, glyphs.ellipsis());
        if (!shorter.isEmpty() && !shorter.equals(reason)) {
            why.or(Span.of("(" + shorter + ")", Style.ALERT));
        }
        fit.left(why);
        if (model.lastSuccessMillis() >= 0) {
            String age = Format.age(nowMillis - model.lastSuccessMillis());
            fit.right(LineFitter.Item.of(2, Span.of("data from " + age + " ago", Style.ALERT)));
        }
        return fit.build().filled(Style.ALERT);
    }
}
