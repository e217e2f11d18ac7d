package dev.hive.relay.gate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BearerTokenTest {

    @Test
    void takesTheTokenAfterTheScheme() {
        assertEquals(Optional.of("abc.def"), BearerToken.parse("Bearer abc.def"));
    }

    @Test
    void trimsSurroundingSpaces() {
        assertEquals(Optional.of("abc"), BearerToken.parse("Bearer    abc  "));
        assertEquals(Optional.of("abc"), BearerToken.parse("Bearer \tabc\t"));
        assertEquals(Optional.of("a b"), BearerToken.parse("Bearer a b "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Bearer    ", "bearer abc", "BEARER abc", "Basic YWxhZGRpbjpvcGVu",
            " Bearer abc", "Bearerabc", "Bearer\tabc", "Token abc"})
    void findsNoTokenOtherwise(String header) {
        assertEquals(Optional.empty(), BearerToken.parse(header));
    }

    @Test
    void findsNoTokenWithoutAHeader() {
        assertEquals(Optional.empty(), BearerToken.parse(null));
    }
}
