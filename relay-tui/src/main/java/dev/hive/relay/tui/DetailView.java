package dev.hive.relay.tui;

import dev.hive.relay.stats.WorkspaceStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One workspace in full: its queue, sequence numbers, streams, evictions and devices. */
final class DetailView {

    private static final String[] DEVICE_HEADERS = {"DEVICE", "LAST SEEN", "ACTIVE"};

    private final Glyphs glyphs;

    DetailView(Glyphs glyphs) {
        this.glyphs = glyphs;
    }

    /** @param rows lines available for the whole view */
    List<Line> lines(TopModel model, int width, int rows) {
        List<Line> lines = new ArrayList<>();
        WorkspaceStats w = find(model);
        String id = Text.sanitize(model.detailId());
        int idRoom = Math.max(1, width - "workspace ".length());
        lines.add(Line.of(Span.of("workspace ", Style.LABEL),
                Span.of(Text.truncateMiddle(id, idRoom, glyphs.ellipsis()), Style.TITLE)));
        if (w == null) {
            lines.add(Line.of(Span.of(Text.fitWords("no longer reported by the relay; Esc goes back", width, glyphs.ellipsis()), Style.WARN)));
            return lines;
        }
        long now = model.current().serverTimeMillis();
        lines.add(LineFitter.of(width, glyphs)
                .left(LineFitter.Item.of(0, Span.of("queued ", Style.LABEL),
                        Span.plain(Format.plural(w.queuedEvents(), "envelope", "envelopes") + ", " + Format.bytes(w.queuedBytes()))))
                .left(LineFitter.Item.of(1, Span.of("head ", Style.LABEL), Span.plain(seq(w.headSeq()))))
                .left(LineFitter.Item.of(1, Span.of("oldest ", Style.LABEL), Span.plain(seq(w.oldestSeq()))))
                .build().asData());
        lines.add(LineFitter.of(width, glyphs)
                .left(LineFitter.Item.of(0, Span.of("streams ", Style.LABEL), Span.plain(Integer.toString(w.streams()))))
                .left(LineFitter.Item.of(1, Span.of("evictions ", Style.LABEL), Span.plain(Format.count(w.evictions()))))
                .left(LineFitter.Item.of(2, Span.of("last activity ", Style.LABEL),
                        Span.plain(w.lastActivityMillis() <= 0 ? "never" : Format.age(now - w.lastActivityMillis()) + " ago")))
                .left(LineFitter.Item.of(3, Span.of("devices ", Style.LABEL), Span.plain(devices(w))))
                .build().asData());
        lines.add(Line.EMPTY);
        lines.addAll(devices(model, w, width, rows - lines.size(), now));
        return lines;
    }

    private List<Line> devices(TopModel model, WorkspaceStats w, int width, int rows, long now) {
        List<WorkspaceStats.DeviceStats> list = new ArrayList<>(w.deviceList());
        list.sort(Comparator.comparing(WorkspaceStats.DeviceStats::active).reversed()
                .thenComparing(Comparator.comparingLong(WorkspaceStats.DeviceStats::lastSeenMillis).reversed())
                .thenComparing(WorkspaceStats.DeviceStats::deviceId));
        List<Line> lines = new ArrayList<>();
        if (rows < 2) {
            return lines;
        }
        if (list.isEmpty()) {
            lines.add(Line.of(Span.of("no devices have announced themselves", Style.DIM)));
            return lines;
        }
        int seen = DEVICE_HEADERS[1].length();
        int active = DEVICE_HEADERS[2].length();
        int idWidth = Math.max(6, width - seen - active - 4);
        int longest = DEVICE_HEADERS[0].length();
        for (WorkspaceStats.DeviceStats d : list) {
            longest = Math.max(longest, Text.sanitize(d.deviceId()).length());
        }
        idWidth = Math.min(idWidth, longest);
        lines.add(Line.plain(Text.padRight(DEVICE_HEADERS[0], idWidth) + "  "
                + DEVICE_HEADERS[1] + "  " + DEVICE_HEADERS[2]).filled(Style.TABLE_HEAD));
        int capacity = rows - 1;
        int top = model.scrollDetail(capacity, list.size());
        for (int i = top; i < Math.min(list.size(), top + capacity); i++) {
            WorkspaceStats.DeviceStats d = list.get(i);
            String age = d.lastSeenMillis() <= 0 ? "-" : Format.age(now - d.lastSeenMillis());
            lines.add(Line.of(
                    Span.plain(Text.padRight(Text.truncateMiddle(Text.sanitize(d.deviceId()), idWidth, glyphs.ellipsis()), idWidth) + "  "
                            + Text.padLeft(age, seen) + "  "),
                    d.active() ? Span.of(Text.padLeft("yes", active), Style.OK) : Span.plain(Text.padLeft("no", active)))
                    .asData());
        }
        return lines;
    }

    private static String devices(WorkspaceStats w) {
        long active = w.deviceList().stream().filter(WorkspaceStats.DeviceStats::active).count();
        return w.devices() + " (" + active + " active)";
    }

    private static String seq(long seq) {
        return seq <= 0 ? "-" : Long.toString(seq);
    }

    private static WorkspaceStats find(TopModel model) {
        for (WorkspaceStats w : model.current().workspaces()) {
            if (w.id().equals(model.detailId())) {
                return w;
            }
        }
        return null;
    }
}
