package io.azof.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;

/** The histories the benchmark can write and read: which one {@code --scenario} selects. */
public enum Scenario {
    /** A few large appends: one row per key per month (the default, and what the acceptance targets are about). */
    MONTHLY("monthly"),
    /** Many small appends of keys that recur from one append to the next, with a few late rows in each. */
    SMALL_APPENDS("small-appends"),
    /**
     * How commit and planning costs grow with the size of a table's metadata: synthetic tables of many files, and real
     * small appends to azof, Delta Lake and Apache Iceberg ({@link MetadataBenchmark}). It writes no history.
     */
    METADATA("metadata");

    /** As the command line and the printed table name it. */
    final String label;

    Scenario(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }

    /** Parses {@code monthly}, {@code small-appends} or {@code metadata} (case-insensitive; {@code small_appends} too). */
    static final class Converter implements CommandLine.ITypeConverter<Scenario> {
        @Override
        public Scenario convert(String value) {
            String wanted = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            return Arrays.stream(values()).filter(s -> s.label.equals(wanted)).findFirst()
                    .orElseThrow(() -> new CommandLine.TypeConversionException("'" + value + "' is not a scenario: give one of "
                            + Arrays.toString(values())));
        }
    }
}
