package dev.hive.relay.tui;

import dev.hive.relay.stats.RelaySnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays the views out on a screen of any size. When rows are short, the sections that matter
 * least give way first (totals, then memory, then rates) so the table keeps a few rows.
 */
final class TopRenderer {

    /** Table header plus this many rows before other sections are given up. */
    private static final int MIN_TABLE = 4;

    private final HeaderView header;
    private final RatesView rates;
    private final MemoryView memory;
    private final TotalsView totals;
    private final WorkspaceTableView table;
    private final DetailView detail;
    private final FooterView footer;
    private final HelpOverlay help;

    TopRenderer(Glyphs glyphs) {
        this.header = new HeaderView(glyphs);
        this.rates = new RatesView(glyphs);
        this.memory = new MemoryView(glyphs);
        this.totals = new TotalsView(glyphs);
        this.table = new WorkspaceTableView(glyphs);
        this.detail = new DetailView(glyphs);
        this.footer = new FooterView(glyphs);
        this.help = new HelpOverlay(glyphs);
    }

    /**
     * @param height rows available; 0 or less (only when not interactive) lists every workspace
     * @param interactive whether keys apply: footer, selection, help, prompt, pause marker
     * @param nowMillis the viewer's clock, for the age of stale data
     */
    Frame render(TopModel model, int width, int height, boolean interactive, long nowMillis) {
        boolean unlimited = height <= 0;
        List<Line> lines = new ArrayList<>(header.lines(model, width, interactive, nowMillis));
        int footerRows = interactive ? 1 : 0;
        int room = unlimited ? Integer.MAX_VALUE : height - lines.size() - footerRows;
        RelaySnapshot s = model.current();
        if (s != null && room > 0) {
            if (interactive && model.mode() == TopModel.Mode.DETAIL) {
                lines.addAll(detail.lines(model, width, room));
            } else {
                lines.addAll(main(model, s, width, room, unlimited, interactive));
            }
        }
        if (!unlimited) {
            lines = new ArrayList<>(lines.subList(0, Math.min(lines.size(), Math.max(0, height - footerRows))));
            while (interactive && lines.size() < height - 1) {
                lines.add(Line.EMPTY);
            }
        }
        int cursorColumn = -1;
        int cursorRow = -1;
        if (interactive && height > 0) {
            lines.add(footer.line(model, width));
            if (model.editingFilter()) {
                cursorColumn = Math.min(width - 1, FooterView.promptCursor(model));
                cursorRow = lines.size() - 1;
            }
        }
        Frame.Box box = interactive && model.help() ? help.box(width, height) : null;
        return new Frame(lines, box, cursorColumn, cursorRow, model.failure() != null);
    }

    private List<Line> main(TopModel model, RelaySnapshot s, int width, int room, boolean unlimited, boolean interactive) {
        List<Line> rateLines = rates.lines(model, width);
        List<Line> memoryLines = memory.lines(s, width);
        Line totalsLine = totals.line(s, width);
        int sections = rateLines.size() + memoryLines.size() + 1;
        boolean showTotals = true;
        boolean showMemory = true;
        boolean showRates = true;
        if (!unlimited) {
            if (room - sections < MIN_TABLE) {
                showTotals = false;
                sections -= 1;
            }
            if (room - sections < MIN_TABLE) {
                showMemory = false;
                sections -= memoryLines.size();
            }
            if (room - sections < MIN_TABLE) {
                showRates = false;
                sections -= rateLines.size();
            }
        }
        List<Line> out = new ArrayList<>();
        if (showRates) {
            out.addAll(rateLines);
        }
        if (showMemory) {
            out.addAll(memoryLines);
        }
        if (showTotals) {
            out.add(totalsLine);
        }
        int tableRows = unlimited ? 0 : room - sections;
        if (unlimited || tableRows > 0) {
            out.addAll(table.lines(model, width, tableRows, interactive));
        }
        return out;
    }
}
