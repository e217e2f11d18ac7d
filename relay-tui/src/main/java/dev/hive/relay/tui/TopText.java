package dev.hive.relay.tui;

import dev.hive.relay.stats.RelaySnapshot;
import java.util.Objects;

/** One frame of {@code top} as plain text, for {@code top --once}, logs and scripts. */
public final class TopText {

    private TopText() {
    }

    /** {@link #renderText(RelaySnapshot, RelaySnapshot, int, int, TopOptions)} with default options. */
    public static String renderText(RelaySnapshot previous, RelaySnapshot current, int width, int height) {
        return renderText(previous, current, width, height, TopOptions.defaults());
    }

    /**
     * Renders the header, rates, memory, totals and workspace table as lines of at most
     * {@code width} characters, without colours, key hints or trailing spaces.
     *
     * @param previous an earlier snapshot for rates, or null (rates then read "measuring…")
     * @param height   maximum lines, or 0 to list every workspace
     * @param options  only {@code ascii} matters here
     */
    public static String renderText(RelaySnapshot previous, RelaySnapshot current, int width, int height,
                                    TopOptions options) {
        Objects.requireNonNull(current, "current");
        if (width < 1) {
            throw new IllegalArgumentException("width must be positive");
        }
        TopModel model = new TopModel(options.delay());
        if (previous != null) {
            model.accept(previous, 0);
        }
        model.accept(current, 0);
        TopRenderer renderer = new TopRenderer(Glyphs.of(options.ascii()));
        return renderer.render(model, width, height, false, 0).text();
    }
}
