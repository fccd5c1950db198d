package io.azof.core.testing;

import static io.azof.core.testing.TestTimes.startOfDayMicros;
import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.Table;
import io.azof.core.VersionSelector;
import io.azof.core.commit.CommitResult;
import io.azof.core.io.CloseableIterator;
import io.azof.core.io.TableStorage;
import io.azof.core.scan.ScanMetrics;
import io.azof.core.time.AsOf;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import io.azof.core.write.WriteOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hand-made table of the write and compaction examples: (ticker, at, price) rows, key {@code ticker}, event time
 * {@code at}, written with a {@code gone} column that deletes, in a local directory through the public API.
 */
public final class PricesTable {
    public static final StructType INPUT = StructType.of(
            new StructField("ticker", PrimitiveType.STRING, false),
            new StructField("at", PrimitiveType.TIMESTAMP, false),
            new StructField("price", PrimitiveType.LONG, true),
            new StructField("gone", PrimitiveType.BOOLEAN, true));

    public final TableStorage storage;
    public final Table table;
    private final WriteOptions options;

    /**
     * @param options the layout (and mode) of the writes; keys, event time and delete column are set here, and no
     *     compaction after writes: the examples count versions and compact by hand
     */
    public PricesTable(Path dir, WriteOptions options) {
        this(TestTables.localStorage(dir), options);
    }

    /** The table {@code storage} reaches: a test double around a local table's storage, for instance. */
    public PricesTable(TableStorage storage, WriteOptions options) {
        this.storage = storage;
        this.table = Table.forStorage(storage);
        this.options = options.withKeyColumns("ticker").withEventTimeColumn("at").withDeleteColumn("gone")
                .withAutoCompaction(TestTables.NO_AUTO_COMPACTION);
    }

    /** What every write of this table is given: {@code options} of the constructor. */
    public WriteOptions options() {
        return options;
    }

    public static Object[] row(String ticker, String day, Long price) {
        return new Object[] {ticker, startOfDayMicros(day), price, false};
    }

    public static Object[] delete(String ticker, String day) {
        return new Object[] {ticker, startOfDayMicros(day), null, true};
    }

    public CommitResult write(Object[]... rows) {
        return write(options, rows);
    }

    public CommitResult write(WriteOptions writeOptions, Object[]... rows) {
        return table.newWrite(writeOptions).rows(INPUT, List.of(rows)).commit();
    }

    /** ticker -> price as of {@code asOf} at {@code version}, failing on a ticker read twice. */
    public Map<String, Long> read(AsOf asOf, VersionSelector version, ScanMetrics metrics) {
        Map<String, Long> result = new TreeMap<>();
        try (CloseableIterator<Object[]> rows = table.newScan().atVersion(version).asOf(asOf).select(List.of("price")).rows(metrics)) {
            rows.forEachRemaining(r -> assertThat(result.put((String) r[0], (Long) r[2])).as("ticker %s read twice", r[0]).isNull());
        }
        return result;
    }

    /** ticker -> price as of the start of {@code day}, at the latest version. */
    public Map<String, Long> read(String day) {
        return read(AsOf.eventTime(startOfDayMicros(day)), VersionSelector.latest(), new ScanMetrics());
    }
}
