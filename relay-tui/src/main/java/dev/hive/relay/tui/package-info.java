/**
 * {@code hive-relay top}: the live operator console, rendered with Lanterna from
 * {@link dev.hive.relay.stats.RelaySnapshot}s. No HTTP here: the CLI supplies a
 * {@link dev.hive.relay.tui.SnapshotSource}.
 *
 * <ul>
 *   <li>{@link dev.hive.relay.tui.TopApp#run} runs the console on the user's terminal and throws
 *       {@link dev.hive.relay.tui.NoTerminalException} (one printable line) without one;</li>
 *   <li>{@link dev.hive.relay.tui.TopText#renderText} renders one frame as plain text for
 *       {@code top --once};</li>
 *   <li>{@link dev.hive.relay.tui.TopLoop} is the same console on any Lanterna terminal, for tests.</li>
 * </ul>
 *
 * <p>Inside: {@code TopModel} holds data and view state and interprets keys without I/O;
 * {@code TopRenderer} and its views turn it into a {@code Frame} of styled lines;
 * {@code ScreenPainter} puts a frame on a Lanterna screen.
 */
package dev.hive.relay.tui;
