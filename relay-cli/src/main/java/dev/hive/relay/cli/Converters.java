package dev.hive.relay.cli;

import dev.hive.relay.config.Units;
import picocli.CommandLine;

import java.time.Duration;

/** Option types in the operators' units, so that a bad value is a usage error naming the form wanted. */
final class Converters {

    private Converters() {
    }

    /** {@code 4194304}, {@code 512KiB}, {@code 4MiB}, {@code 1GiB}. */
    static final class Size implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Units.parseSize(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code 500ms}, {@code 25s}, {@code 10m}, {@code 24h}, {@code 90d}. */
    static final class Span implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Units.parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
