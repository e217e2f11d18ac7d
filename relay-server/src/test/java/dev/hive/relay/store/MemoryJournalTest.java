package dev.hive.relay.store;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class MemoryJournalTest {

    @Test
    void acknowledgesAtOnceAndReplaysNothing() {
        MemoryJournal journal = new MemoryJournal();
        assertTrue(journal.appendEnvelope("r", 1, 1, "k", new byte[]{'1'}).isDone());
        journal.appendKeyring("r", new byte[]{'2'}).join();
        journal.putDeviceRecord("r", Journal.DeviceRecordKind.PRESENCE, "d", new byte[]{'3'}, 1).join();
        journal.prune("r", 1);
        journal.load(new Journal.JournalLoader() {
            @Override
            public void room(String room, long lastSeq) {
                fail();
            }

            @Override
            public void envelope(String room, long seq, long at, String key, byte[] body) {
                fail();
            }

            @Override
            public void keyring(String room, byte[] blob) {
                fail();
            }

            @Override
            public void deviceRecord(String room, Journal.DeviceRecordKind kind, String id, byte[] d, long at) {
                fail();
            }
        });
        assertTrue(journal.problem().isEmpty());
        assertEquals("memory", journal.info().kind());
        journal.close();
        journal.close();
        CompletionException e = assertThrows(CompletionException.class,
                () -> journal.appendEnvelope("r", 2, 2, "k2", new byte[]{'1'}).join());
        assertInstanceOf(StoreException.class, e.getCause());
    }
}
