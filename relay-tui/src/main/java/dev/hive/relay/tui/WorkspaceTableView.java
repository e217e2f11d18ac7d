package dev.hive.relay.tui;

import dev.hive.relay.stats.WorkspaceStats;
import java.util.ArrayList;
import java.util.List;

/**
 * The workspace table: columns fitted by priority, ids truncated in the middle, the sort column
 * marked with an arrow, and the selected row highlighted.
 */
final class WorkspaceTableView {

    private final Glyphs glyphs;

    WorkspaceTableView(Glyphs glyphs) {
        this.glyphs = glyphs;
    }

    /**
     * @param rows     how many lines the table may use including its header; 0 or less means all
     * @param interactive whether to show and scroll to the selection
     */
    List<Line> lines(TopModel model, int width, int rows, boolean interactive) {
        WorkspaceColumn[] columns = WorkspaceColumn.values();
        List<WorkspaceStats> all = model.visibleWorkspaces();
        long now = model.current().serverTimeMillis();
        List<String[]> cells = new ArrayList<>(all.size());
        for (WorkspaceStats w : all) {
            String[] row = new String[columns.length];
            for (WorkspaceColumn c : columns) {
                row[c.ordinal()] = c.cell(w, now);
            }
            cells.add(row);
        }
        String[] headers = new String[columns.length];
        int[] natural = new int[columns.length];
        int[] priority = new int[columns.length];
        for (WorkspaceColumn c : columns) {
            String arrow = c == model.sort() ? (model.descending() ? glyphs.descending() : glyphs.ascending()) : "";
            headers[c.ordinal()] = c.label + arrow;
            natural[c.ordinal()] = headers[c.ordinal()].length();
            priority[c.ordinal()] = c.priority;
        }
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                natural[i] = Math.max(natural[i], row[i].length());
            }
        }
        TableFitter.Fit fit = TableFitter.fit(natural, priority,
                WorkspaceColumn.ID.ordinal(), model.sort().ordinal(), width);

        List<Line> lines = new ArrayList<>();
        lines.add(Line.plain(join(headers, fit, columns)).filled(Style.TABLE_HEAD));
        int capacity = rows <= 0 ? all.size() : rows - 1;
        if (all.isEmpty()) {
            if (capacity > 0) {
                String empty = model.filter().isEmpty() ? "no workspaces yet"
                        : "no workspace id contains \"" + Text.sanitize(model.filter()) + "\"";
                lines.add(Line.of(Span.of(Text.fitWords(empty, width, glyphs.ellipsis()), Style.DIM)).asData());
            }
            return lines;
        }
        int selected = interactive ? model.selection(all) : -1;
        int top = interactive ? model.scrollTable(capacity, all.size(), selected) : 0;
        for (int i = top; i < Math.min(all.size(), top + capacity); i++) {
            Line line = Line.plain(join(cells.get(i), fit, columns)).asData();
            lines.add(i == selected ? line.filled(Style.SELECTED) : line);
        }
        return lines;
    }

    private String join(String[] values, TableFitter.Fit fit, WorkspaceColumn[] columns) {
        StringBuilder sb = new StringBuilder();
        for (WorkspaceColumn c : columns) {
            int w = fit.widths()[c.ordinal()];
            if (w <= 0) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append(" ".repeat(fit.gap()));
            }
            String v = values[c.ordinal()];
            if (c == WorkspaceColumn.ID) {
                sb.append(Text.padRight(Text.truncateMiddle(v, w, glyphs.ellipsis()), w));
            } else {
                sb.append(c.rightAligned ? Text.padLeft(v, w) : Text.padRight(v, w));
            }
        }
        return sb.toString();
    }
}
