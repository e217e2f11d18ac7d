package dev.hive.relay.tui;

import dev.hive.relay.stats.RelaySnapshot;
import dev.hive.relay.stats.StoreInfo;
import dev.hive.relay.stats.Totals;

/** One row of relay-wide counts, least important dropped first when narrow. */
final class TotalsView {

    private final Glyphs glyphs;

    TotalsView(Glyphs glyphs) {
        this.glyphs = glyphs;
    }

    Line line(RelaySnapshot s, int width) {
        Totals t = s.totals();
        StoreInfo store = s.store();
        LineFitter fit = LineFitter.of(width, glyphs);
        fit.left(LineFitter.Item.plain(0, Format.plural(t.workspaces(), "workspace", "workspaces")));
        fit.left(LineFitter.Item.plain(1, Format.plural(t.devices(), "device", "devices") + " (" + t.activeDevices() + " active)")
                .orPlain(Format.plural(t.devices(), "device", "devices")));
        fit.left(LineFitter.Item.plain(2, Format.plural(t.streams(), "stream", "streams")));
        if (store != null) {
            String kind = Text.sanitize(store.kind());
            String text = "store " + kind + (store.sizeBytes() > 0 ? " " + Format.bytes(store.sizeBytes()) : "");
            fit.left(LineFitter.Item.plain(3, text).orPlain("store " + kind));
        }
        fit.left(LineFitter.Item.plain(4, Format.plural(t.pairingCodes(), "pairing code", "pairing codes")));
        fit.left(LineFitter.Item.plain(5, Format.plural(t.keyringEntries(), "keyring entry", "keyring entries")));
        return fit.build().asData();
    }
}
