package dev.hive.relay.tui;

/** The bottom row: key hints for the current mode, the filter state, or the filter prompt. */
final class FooterView {

    static final String PROMPT = "filter: ";

    private final Glyphs glyphs;

    FooterView(Glyphs glyphs) {
        this.glyphs = glyphs;
    }

    Line line(TopModel model, int width) {
        LineFitter fit = LineFitter.of(width, glyphs);
        if (model.editingFilter()) {
            fit.left(LineFitter.Item.of(0, Span.of(PROMPT, Style.KEY), Span.plain(Text.sanitize(model.draft()) + " ")));
            fit.right(hint(1, "Enter", "apply"));
            fit.right(hint(1, "Esc", "clear"));
            return fit.build();
        }
        if (model.mode() == TopModel.Mode.DETAIL) {
            fit.left(hint(0, "Esc", "back"));
            fit.left(hint(2, glyphs.upDown(), "scroll"));
            fit.left(hint(3, "p", "pause"));
            fit.left(hint(4, "+/-", "interval"));
            fit.left(hint(1, "?", "help"));
            fit.left(hint(0, "q", "quit"));
            return fit.build();
        }
        fit.left(hint(0, "q", "quit"));
        fit.left(hint(0, "?", "help"));
        fit.left(hint(1, "/", "filter"));
        fit.left(hint(1, "s", "sort"));
        fit.left(hint(2, "r", "reverse"));
        fit.left(hint(2, "Enter", "open"));
        fit.left(hint(3, "p", "pause"));
        fit.left(hint(3, "+/-", "interval"));
        if (!model.filter().isEmpty()) {
            int shown = model.visibleWorkspaces().size();
            int total = model.current() == null ? 0 : model.current().workspaces().size();
            fit.right(LineFitter.Item.of(0, Span.of("filter \"" + Text.sanitize(model.filter()) + "\" " + shown + "/" + total, Style.WARN))
                    .or(Span.of(shown + "/" + total, Style.WARN)));
        }
        return fit.build();
    }

    /** The column where the prompt's cursor goes. */
    static int promptCursor(TopModel model) {
        return PROMPT.length() + Text.sanitize(model.draft()).length();
    }

    private static LineFitter.Item hint(int priority, String key, String action) {
        return LineFitter.Item.of(priority, Span.of(key, Style.KEY), Span.plain(" " + action));
    }
}
