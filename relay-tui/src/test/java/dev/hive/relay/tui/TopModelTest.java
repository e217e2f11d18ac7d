package dev.hive.relay.tui;

import static dev.hive.relay.tui.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import dev.hive.relay.stats.WorkspaceStats;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Key handling and view state without any terminal. */
class TopModelTest {

    private final TopModel model = new TopModel(Duration.ofSeconds(1));

    @Test
    void sortCyclesThroughEveryColumnInItsNaturalDirection() {
        model.accept(Fixtures.snapshot().build(), 0);
        Set<WorkspaceColumn> seen = EnumSet.noneOf(WorkspaceColumn.class);
        for (int i = 0; i < WorkspaceColumn.values().length; i++) {
            seen.add(model.sort());
            assertEquals(model.sort().descendingFirst, model.descending(), model.sort().name());
            model.onKey(Screens.key('s'));
        }
        assertEquals(EnumSet.allOf(WorkspaceColumn.class), seen);
        assertEquals(WorkspaceColumn.BYTES, model.sort(), "back to the start");
        model.onKey(Screens.key(KeyType.ArrowLeft));
        assertEquals(WorkspaceColumn.QUEUED, model.sort());
    }

    @Test
    void everyColumnOrdersTheRows() {
        model.accept(Fixtures.snapshot().build(), 0);
        assertEquals(List.of("alpha", "bravo", "charlie"), idsSortedBy(WorkspaceColumn.ID));
        assertEquals(List.of("bravo", "alpha", "charlie"), idsSortedBy(WorkspaceColumn.DEVICES));
        assertEquals(List.of("bravo", "charlie", "alpha"), idsSortedBy(WorkspaceColumn.QUEUED));
        assertEquals(List.of("charlie", "alpha", "bravo"), idsSortedBy(WorkspaceColumn.BYTES));
        assertEquals(List.of("bravo", "alpha", "charlie"), idsSortedBy(WorkspaceColumn.HEAD));
        assertEquals(List.of("bravo", "alpha", "charlie"), idsSortedBy(WorkspaceColumn.OLDEST));
        assertEquals(List.of("alpha", "bravo", "charlie"), idsSortedBy(WorkspaceColumn.IDLE));
        assertEquals(List.of("bravo", "alpha", "charlie"), idsSortedBy(WorkspaceColumn.STREAMS));
        assertEquals(List.of("bravo", "charlie", "alpha"), idsSortedBy(WorkspaceColumn.EVICTED));
        model.onKey(Screens.key('r'));
        assertEquals(List.of("alpha", "charlie", "bravo"), ids());
    }

    @Test
    void filterIsACaseInsensitiveIdSubstringAppliedOnEnter() {
        model.accept(Fixtures.snapshot().build(), 0);
        model.onKey(Screens.key('/'));
        assertTrue(model.editingFilter());
        for (char c : "BRX".toCharArray()) {
            model.onKey(Screens.key(c));
        }
        model.onKey(Screens.key(KeyType.Backspace));
        assertEquals("BR", model.draft());
        assertEquals(3, ids().size());
        model.onKey(Screens.key(KeyType.Enter));
        assertFalse(model.editingFilter());
        assertEquals(List.of("bravo"), ids());
        model.onKey(Screens.key('/'));
        assertEquals("BR", model.draft(), "the prompt starts from the current filter");
        model.onKey(Screens.key(KeyType.Escape));
        assertEquals("", model.filter());
        assertEquals(3, ids().size());
    }

    @Test
    void selectionFollowsItsWorkspaceAndFallsBackToThePosition() {
        model.accept(Fixtures.snapshot().build(), 0);
        model.onKey(Screens.key(KeyType.ArrowDown));
        assertEquals("alpha", model.selectedId());
        model.onKey(Screens.key('s'));
        List<WorkspaceStats> rows = model.visibleWorkspaces();
        assertEquals("alpha", rows.get(model.selection(rows)).id());
        model.accept(Fixtures.snapshot().at(T0 + 1_000)
                .workspaces(List.of(Fixtures.threeWorkspaces().get(1), Fixtures.threeWorkspaces().get(2))).build(), 1);
        rows = model.visibleWorkspaces();
        assertEquals(1, model.selection(rows), "alpha is gone: same position");
    }

    @Test
    void enterOpensTheSelectedWorkspaceAndEscReturns() {
        model.accept(Fixtures.snapshot().build(), 0);
        model.onKey(Screens.key(KeyType.Enter));
        assertEquals(TopModel.Mode.DETAIL, model.mode());
        assertEquals("charlie", model.detailId());
        model.onKey(Screens.key('s'));
        assertEquals(WorkspaceColumn.BYTES, model.sort(), "table keys do nothing in the detail view");
        model.onKey(Screens.key(KeyType.Escape));
        assertEquals(TopModel.Mode.TABLE, model.mode());
    }

    @Test
    void helpClosesOnAnyKeyAndCtrlCQuitsFromAnywhere() {
        assertEquals(TopModel.Effect.REDRAW, model.onKey(Screens.key('?')));
        assertTrue(model.help());
        assertEquals(TopModel.Effect.REDRAW, model.onKey(Screens.key('q')));
        assertFalse(model.help());
        assertFalse(model.quitRequested(), "q closed the help rather than quitting");
        model.onKey(Screens.key('?'));
        assertEquals(TopModel.Effect.QUIT, model.onKey(Screens.ctrl('c')));
        assertTrue(model.quitRequested());
    }

    @Test
    void pauseAndInterval() {
        assertEquals(TopModel.Effect.REDRAW, model.onKey(Screens.key('p')));
        assertTrue(model.paused());
        assertEquals(TopModel.Effect.FETCH_NOW, model.onKey(Screens.key('p')));
        model.onKey(Screens.key('+'));
        model.onKey(Screens.key('+'));
        assertEquals(Duration.ofSeconds(5), model.interval());
        for (int i = 0; i < 10; i++) {
            model.onKey(Screens.key('-'));
        }
        assertEquals(Duration.ofMillis(250), model.interval());
    }

    @Test
    void successClearsFailureAndARestartMeansMeasuringAgain() {
        model.accept(Fixtures.snapshot().build(), 0);
        model.fail("Connection refused");
        assertEquals("Connection refused", model.failure());
        model.accept(Fixtures.snapshot().at(T0 + 2_000).requests(7_000).build(), 2_000);
        assertNull(model.failure());
        assertEquals(1000.0, model.rates().orElseThrow().requests());
        model.accept(Fixtures.snapshot().at(T0 + 4_000).startedAt(T0 + 3_000).requests(5).build(), 4_000);
        assertTrue(model.rates().isEmpty());
    }

    private List<String> idsSortedBy(WorkspaceColumn column) {
        while (model.sort() != column) {
            model.onKey(Screens.key('s'));
        }
        return ids();
    }

    private List<String> ids() {
        return model.visibleWorkspaces().stream().map(WorkspaceStats::id).toList();
    }
}
