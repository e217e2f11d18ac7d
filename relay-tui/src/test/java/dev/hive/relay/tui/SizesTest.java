package dev.hive.relay.tui;

import static dev.hive.relay.tui.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import dev.hive.relay.stats.HealthVerdict;
import dev.hive.relay.stats.RelaySnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every view at every plausible size: nothing throws, and from 30 columns nothing overflows. */
class SizesTest {

    private static final RelaySnapshot FIRST = Fixtures.snapshot().workspaces(ScreenTest.crowded())
            .health(HealthVerdict.Level.CRIT, "store not writable: disk full on /data, relay refuses new envelopes")
            .build();
    private static final RelaySnapshot SECOND = Fixtures.snapshot().workspaces(ScreenTest.crowded())
            .at(T0 + 1_000).requests(FIRST.traffic().requests() + 123_456).build();

    @Test
    void allViewsAtAllSizes() {
        List<Consumer<TopModel>> states = new ArrayList<>();
        states.add(m -> { });
        states.add(m -> m.fail("Connection refused: the relay at 127.0.0.1:8444 did not answer"));
        states.add(m -> m.onKey(Screens.key('?')));
        states.add(m -> {
            m.onKey(Screens.key('/'));
            for (char c : "a-very-long-filter-text-typed-by-someone".toCharArray()) {
                m.onKey(Screens.key(c));
            }
        });
        states.add(m -> {
            m.onKey(Screens.key(KeyType.End));
            m.onKey(Screens.key(KeyType.Enter));
        });
        states.add(m -> {
            m.onKey(Screens.key('p'));
            m.onKey(Screens.key('/'));
            m.onKey(Screens.key('z'));
            m.onKey(Screens.key(KeyType.Enter));
        });
        for (boolean ascii : new boolean[] {false, true}) {
            TopRenderer renderer = new TopRenderer(Glyphs.of(ascii));
            for (Consumer<TopModel> state : states) {
                for (int width = 1; width <= 200; width += 13) {
                    for (int height = 1; height <= 60; height += 9) {
                        TopModel model = new TopModel(Duration.ofSeconds(1));
                        model.accept(FIRST, 0);
                        model.accept(SECOND, 1_000);
                        state.accept(model);
                        for (boolean interactive : new boolean[] {true, false}) {
                            Frame frame = renderer.render(model, width, height, interactive, 2_000);
                            assertTrue(frame.lines().size() <= height, width + "x" + height);
                            if (width >= 30) {
                                for (Line line : frame.lines()) {
                                    assertTrue(line.length() <= width, width + "x" + height + ": " + line.text());
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void theLoopSurvivesResizingDownToNothing() {
        Harness h = new Harness(80, 24).then(FIRST).start();
        for (int[] size : new int[][] {{1, 1}, {10, 3}, {200, 60}, {79, 23}, {30, 8}}) {
            h.resize(size[0], size[1]);
            h.press('?');
            h.press('x');
        }
        assertTrue(h.tick());
    }
}
