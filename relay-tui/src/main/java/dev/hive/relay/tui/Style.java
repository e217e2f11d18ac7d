package dev.hive.relay.tui;

/** What a piece of text means; {@link ScreenPainter} decides how that looks. */
enum Style {
    PLAIN, TITLE, LABEL, DIM, OK, WARN, CRIT, ALERT, TABLE_HEAD, SELECTED, KEY, SPARK
}
