package dev.hive.relay.tui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a row from labelled items that must fit whole: when the row is too wide, the least
 * important item first switches to its shorter form, if it has one, and is otherwise dropped.
 * Nothing is ever cut by the right edge. Lower priority numbers are more important.
 */
final class LineFitter {

    private static final String GAP = "  ";

    private final int width;
    private final String ellipsis;
    private final List<Item> left = new ArrayList<>();
    private final List<Item> right = new ArrayList<>();

    private LineFitter(int width, String ellipsis) {
        this.width = width;
        this.ellipsis = ellipsis;
    }

    static LineFitter of(int width, Glyphs glyphs) {
        return new LineFitter(width, glyphs.ellipsis());
    }

    /** An item and, optionally, shorter forms of it, longest first. */
    static final class Item {
        private final int priority;
        private final List<List<Span>> forms = new ArrayList<>();
        private int form;
        private boolean dropped;

        private Item(int priority, List<Span> spans) {
            this.priority = priority;
            forms.add(List.copyOf(spans));
        }

        static Item of(int priority, Span... spans) {
            return new Item(priority, Arrays.asList(spans));
        }

        static Item plain(int priority, String text) {
            return of(priority, Span.plain(text));
        }

        Item or(Span... spans) {
            forms.add(List.of(spans));
            return this;
        }

        Item orPlain(String text) {
            return or(Span.plain(text));
        }

        private List<Span> spans() {
            return forms.get(form);
        }

        private int length() {
            int n = 0;
            for (Span s : spans()) {
                n += s.text().length();
            }
            return n;
        }
    }

    LineFitter left(Item item) {
        left.add(item);
        return this;
    }

    LineFitter right(Item item) {
        right.add(item);
        return this;
    }

    Line build() {
        while (total() > width) {
            Item victim = leastImportant();
            if (victim == null) {
                break;
            }
            if (victim.form < victim.forms.size() - 1) {
                victim.form++;
            } else if (live() > 1) {
                victim.dropped = true;
            } else {
                shortenLast(victim);
                break;
            }
        }
        List<Span> spans = new ArrayList<>();
        appendGroup(spans, left);
        int leftLength = lengthOf(spans);
        List<Span> rightSpans = new ArrayList<>();
        appendGroup(rightSpans, right);
        int rightLength = lengthOf(rightSpans);
        if (rightLength > 0) {
            int pad = width - leftLength - rightLength;
            spans.add(Span.plain(" ".repeat(Math.max(leftLength > 0 ? GAP.length() : 0, pad))));
            spans.addAll(rightSpans);
        }
        return Line.of(spans);
    }

    // The last item standing is still too wide: shorten its final span at a word boundary.
    private void shortenLast(Item item) {
        List<Span> spans = new ArrayList<>(item.spans());
        Span last = spans.remove(spans.size() - 1);
        int room = width - (item.length() - last.text().length());
        spans.add(Span.of(Text.fitWords(last.text(), Math.max(0, room), ellipsis), last.style()));
        item.forms.add(spans);
        item.form = item.forms.size() - 1;
    }

    private Item leastImportant() {
        Item victim = null;
        for (List<Item> group : List.of(left, right)) {
            for (Item item : group) {
                if (!item.dropped && (victim == null || item.priority >= victim.priority)) {
                    victim = item;
                }
            }
        }
        return victim;
    }

    private int live() {
        int n = 0;
        for (List<Item> group : List.of(left, right)) {
            for (Item item : group) {
                n += item.dropped ? 0 : 1;
            }
        }
        return n;
    }

    private int total() {
        int l = groupLength(left);
        int r = groupLength(right);
        return l + r + (l > 0 && r > 0 ? GAP.length() : 0);
    }

    private static int groupLength(List<Item> group) {
        int n = 0;
        int count = 0;
        for (Item item : group) {
            if (!item.dropped) {
                n += item.length();
                count++;
            }
        }
        return n + Math.max(0, count - 1) * GAP.length();
    }

    private static void appendGroup(List<Span> out, List<Item> group) {
        boolean first = true;
        for (Item item : group) {
            if (item.dropped) {
                continue;
            }
            if (!first) {
                out.add(Span.plain(GAP));
            }
            out.addAll(item.spans());
            first = false;
        }
    }

    private static int lengthOf(List<Span> spans) {
        int n = 0;
        for (Span s : spans) {
            n += s.text().length();
        }
        return n;
    }
}
