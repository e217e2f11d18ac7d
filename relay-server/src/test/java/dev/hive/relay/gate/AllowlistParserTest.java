package dev.hive.relay.gate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AllowlistParserTest {

    @Test
    void splitsTrimsAndDropsEmptyEntries() {
        assertEquals(List.of("alpha", "beta", "Gamma"), AllowlistParser.parse(" alpha,beta ,, Gamma ,"));
        assertEquals(List.of("one"), AllowlistParser.parse("one"));
    }

    @Test
    void keepsCaseAndInnerCharacters() {
        assertEquals(List.of("Tok=en", "tok=en"), AllowlistParser.parse("Tok=en,tok=en"));
    }

    @Test
    void dropsDuplicates() {
        assertEquals(List.of("a", "b"), AllowlistParser.parse("a,b,a, a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",,", "  ", " , ,\t, ", ","})
    void refusesASetValueWithoutTokens(String value) {
        GateConfigException e = assertThrows(GateConfigException.class, () -> AllowlistParser.parse(value));
        assertEquals("HIVE_RELAY_ACCESS_TOKENS is set but holds no token; "
                + "unset it for an open relay or list at least one token", e.getMessage());
    }
}
