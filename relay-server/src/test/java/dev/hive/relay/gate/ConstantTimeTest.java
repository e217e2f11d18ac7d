package dev.hive.relay.gate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConstantTimeTest {

    @Test
    void equalStringsMatch() {
        assertTrue(ConstantTime.equals("s3cret-token", "s3cret-token"));
        assertTrue(ConstantTime.equals("", ""));
        assertTrue(ConstantTime.equals("clé😀", "clé😀"));
    }

    @Test
    void differentStringsDoNot() {
        assertFalse(ConstantTime.equals("s3cret-token", "s3cret-tokeN"));
        assertFalse(ConstantTime.equals("s3cret-token", "s3cret-token "));
        assertFalse(ConstantTime.equals("s3cret", "s3cret-token"));
        assertFalse(ConstantTime.equals("", "a"));
        assertFalse(ConstantTime.equals("é", "e\u0301"));
    }

    @Test
    void nullNeverMatches() {
        assertFalse(ConstantTime.equals(null, "a"));
        assertFalse(ConstantTime.equals("a", null));
        assertFalse(ConstantTime.equals(null, null));
    }
}
