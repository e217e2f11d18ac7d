package dev.hive.relay.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.hive.relay.stats.RelaySnapshot;
import dev.hive.relay.stats.WorkspaceStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything {@code top} shows and every key it understands, with no I/O: the last two snapshots
 * and rate trends, the failure state, and the view (mode, sort, filter, selection, pause,
 * interval). Used from the UI loop's thread only.
 */
final class TopModel {

    /** How long the sparklines reach back. */
    static final long TREND_WINDOW_MILLIS = Duration.ofMinutes(5).toMillis();

    enum Mode { TABLE, DETAIL }

    /** What the loop has to do after a key. */
    enum Effect { NONE, REDRAW, FETCH_NOW, QUIT }

    private RelaySnapshot previous;
    private RelaySnapshot current;
    private Rates rates;
    private final RateHistory requestTrend = new RateHistory(TREND_WINDOW_MILLIS);
    private final RateHistory envelopeTrend = new RateHistory(TREND_WINDOW_MILLIS);

    private String failure;
    private long lastSuccessMillis = -1;

    private Mode mode = Mode.TABLE;
    private boolean help;
    private boolean editingFilter;
    private final StringBuilder draft = new StringBuilder();
    private String filter = "";
    private WorkspaceColumn sort = WorkspaceColumn.BYTES;
    private boolean descending = true;
    private String selectedId;
    private int selectedIndex;
    private int tableTop;
    private int pageSize = 10;
    private String detailId;
    private int detailTop;
    private boolean paused;
    private Duration interval;
    private boolean quit;

    TopModel(Duration interval) {
        this.interval = interval;
    }

    // ---- data -------------------------------------------------------------------------------

    /** A fresh snapshot arrived; {@code localMillis} is the viewer's clock, for "last data" ages. */
    void accept(RelaySnapshot snapshot, long localMillis) {
        previous = current;
        current = snapshot;
        rates = Rates.between(previous, current).orElse(null);
        if (rates != null) {
            long from = previous.serverTimeMillis();
            long to = current.serverTimeMillis();
            requestTrend.add(from, to, rates.requests());
            envelopeTrend.add(from, to, rates.envelopesIn());
        }
        failure = null;
        lastSuccessMillis = localMillis;
    }

    /** The relay could not be reached; the last data stays on screen, marked stale. */
    void fail(String reason) {
        failure = reason == null || reason.isBlank() ? "no answer" : reason;
    }

    RelaySnapshot current() {
        return current;
    }

    Optional<Rates> rates() {
        return Optional.ofNullable(rates);
    }

    RateHistory requestTrend() {
        return requestTrend;
    }

    RateHistory envelopeTrend() {
        return envelopeTrend;
    }

    String failure() {
        return failure;
    }

    long lastSuccessMillis() {
        return lastSuccessMillis;
    }

    // ---- view state -------------------------------------------------------------------------

    Mode mode() {
        return mode;
    }

    boolean help() {
        return help;
    }

    boolean editingFilter() {
        return editingFilter;
    }

    String draft() {
        return draft.toString();
    }

    String filter() {
        return filter;
    }

    WorkspaceColumn sort() {
        return sort;
    }

    boolean descending() {
        return descending;
    }

    boolean paused() {
        return paused;
    }

    Duration interval() {
        return interval;
    }

    boolean quitRequested() {
        return quit;
    }

    String detailId() {
        return detailId;
    }

    String selectedId() {
        return selectedId;
    }

    /** The workspaces the table lists: filtered by id substring, in the chosen order. */
    List<WorkspaceStats> visibleWorkspaces() {
        if (current == null) {
            return List.of();
        }
        String needle = filter.toLowerCase(Locale.ROOT);
        List<WorkspaceStats> rows = new ArrayList<>();
        for (WorkspaceStats w : current.workspaces()) {
            if (needle.isEmpty() || String.valueOf(w.id()).toLowerCase(Locale.ROOT).contains(needle)) {
                rows.add(w);
            }
        }
        Comparator<WorkspaceStats> order = sort.ascending();
        if (descending) {
            order = order.reversed();
        }
        rows.sort(order.thenComparing(WorkspaceStats::id));
        return rows;
    }

    /**
     * The selected row's index in {@code rows}: the same workspace while it is listed, else the
     * same position, so the highlight follows a room as the order changes.
     */
    int selection(List<WorkspaceStats> rows) {
        if (rows.isEmpty()) {
            return -1;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id().equals(selectedId)) {
                selectedIndex = i;
                return i;
            }
        }
        selectedIndex = Math.max(0, Math.min(selectedIndex, rows.size() - 1));
        selectedId = rows.get(selectedIndex).id();
        return selectedIndex;
    }

    /** The first table row to show so the selection stays visible in {@code capacity} rows. */
    int scrollTable(int capacity, int total, int selected) {
        pageSize = Math.max(1, capacity);
        if (selected < tableTop) {
            tableTop = selected;
        } else if (selected >= tableTop + pageSize) {
            tableTop = selected - pageSize + 1;
        }
        tableTop = Math.max(0, Math.min(tableTop, Math.max(0, total - pageSize)));
        return tableTop;
    }

    /** Clamps the device list scroll for a list of {@code total} rows shown {@code capacity} at a time. */
    int scrollDetail(int capacity, int total) {
        pageSize = Math.max(1, capacity);
        detailTop = Math.max(0, Math.min(detailTop, Math.max(0, total - capacity)));
        return detailTop;
    }

    // ---- keys -------------------------------------------------------------------------------

    Effect onKey(KeyStroke key) {
        if (key == null) {
            return Effect.NONE;
        }
        if (key.getKeyType() == KeyType.EOF || isCtrlC(key)) {
            quit = true;
            return Effect.QUIT;
        }
        if (help) {
            help = false;
            return Effect.REDRAW;
        }
        if (editingFilter) {
            return onFilterKey(key);
        }
        Effect common = onCommonKey(key);
        if (common != null) {
            return common;
        }
        return mode == Mode.DETAIL ? onDetailKey(key) : onTableKey(key);
    }

    private Effect onCommonKey(KeyStroke key) {
        Character c = character(key);
        if (c == null) {
            return null;
        }
        switch (c) {
            case 'q', 'Q' -> {
                quit = true;
                return Effect.QUIT;
            }
            case '?', 'h' -> {
                help = true;
                return Effect.REDRAW;
            }
            case 'p', 'P', ' ' -> {
                paused = !paused;
                return paused ? Effect.REDRAW : Effect.FETCH_NOW;
            }
            case '+', '=' -> {
                interval = Intervals.longer(interval);
                return Effect.REDRAW;
            }
            case '-', '_' -> {
                interval = Intervals.shorter(interval);
                return Effect.REDRAW;
            }
            default -> {
                return null;
            }
        }
    }

    private Effect onTableKey(KeyStroke key) {
        Character c = character(key);
        if (c != null) {
            switch (c) {
                case 's', '>' -> sortBy(sort.next());
                case 'S', '<' -> sortBy(sort.previous());
                case 'r', 'R' -> descending = !descending;
                case '/' -> {
                    editingFilter = true;
                    draft.setLength(0);
                    draft.append(filter);
                }
                default -> {
                    return Effect.NONE;
                }
            }
            return Effect.REDRAW;
        }
        switch (key.getKeyType()) {
            case ArrowRight -> sortBy(sort.next());
            case ArrowLeft -> sortBy(sort.previous());
            case ArrowUp -> moveSelection(-1);
            case ArrowDown -> moveSelection(1);
            case PageUp -> moveSelection(-pageSize);
            case PageDown -> moveSelection(pageSize);
            case Home -> moveSelection(Integer.MIN_VALUE / 2);
            case End -> moveSelection(Integer.MAX_VALUE / 2);
            case Enter -> openDetail();
            case Escape -> filter = "";
            default -> {
                return Effect.NONE;
            }
        }
        return Effect.REDRAW;
    }

    private Effect onDetailKey(KeyStroke key) {
        switch (key.getKeyType()) {
            case Escape, Backspace, ArrowLeft -> mode = Mode.TABLE;
            case ArrowUp -> detailTop = Math.max(0, detailTop - 1);
            case ArrowDown -> detailTop++;
            case PageUp -> detailTop = Math.max(0, detailTop - pageSize);
            case PageDown -> detailTop += pageSize;
            case Home -> detailTop = 0;
            case End -> detailTop = Integer.MAX_VALUE / 2;
            default -> {
                return Effect.NONE;
            }
        }
        return Effect.REDRAW;
    }

    private Effect onFilterKey(KeyStroke key) {
        switch (key.getKeyType()) {
            case Enter -> {
                filter = draft.toString().strip();
                editingFilter = false;
                selectedIndex = 0;
                tableTop = 0;
                selectedId = null;
            }
            case Escape -> {
                filter = "";
                draft.setLength(0);
                editingFilter = false;
            }
            case Backspace -> {
                if (draft.length() > 0) {
                    draft.setLength(draft.length() - 1);
                }
            }
            case Character -> {
                char c = key.getCharacter();
                if (key.isCtrlDown() && (c == 'u' || c == 'U')) {
                    draft.setLength(0);
                } else if (!key.isCtrlDown() && !key.isAltDown() && !Character.isISOControl(c)) {
                    draft.append(c);
                } else {
                    return Effect.NONE;
                }
            }
            default -> {
                return Effect.NONE;
            }
        }
        return Effect.REDRAW;
    }

    private void sortBy(WorkspaceColumn column) {
        sort = column;
        descending = column.descendingFirst;
    }

    private void moveSelection(int delta) {
        List<WorkspaceStats> rows = visibleWorkspaces();
        int at = selection(rows);
        if (at < 0) {
            return;
        }
        long target = (long) at + delta;
        selectedIndex = (int) Math.max(0, Math.min(rows.size() - 1, target));
        selectedId = rows.get(selectedIndex).id();
    }

    private void openDetail() {
        List<WorkspaceStats> rows = visibleWorkspaces();
        int at = selection(rows);
        if (at >= 0) {
            detailId = rows.get(at).id();
            detailTop = 0;
            mode = Mode.DETAIL;
        }
    }

    private static Character character(KeyStroke key) {
        if (key.getKeyType() != KeyType.Character || key.isCtrlDown() || key.isAltDown()) {
            return null;
        }
        return key.getCharacter();
    }

    private static boolean isCtrlC(KeyStroke key) {
        return key.getKeyType() == KeyType.Character && key.isCtrlDown()
                && (key.getCharacter() == 'c' || key.getCharacter() == 'C');
    }
}
