package io.azof.core.write;

import static io.azof.core.testing.PricesTable.delete;
import static io.azof.core.testing.PricesTable.row;
import static io.azof.core.testing.TestTimes.startOfDayMicros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.Table;
import io.azof.core.VersionSelector;
import io.azof.core.commit.CommitResult;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.InvalidWriteException;
import io.azof.core.io.TableStorage;
import io.azof.core.scan.ScanMetrics;
import io.azof.core.testing.PricesTable;
import io.azof.core.time.AsOf;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-derived examples of writes; the randomised model checks the same rules on many histories. */
class WritesTest {
    private static final StructType INPUT = PricesTable.INPUT;

    @TempDir
    Path dir;
    PricesTable prices;
    TableStorage storage;

    @BeforeEach
    void setUp() {
        prices = new PricesTable(dir, WriteOptions.append());
        storage = prices.storage;
    }

    private CommitResult write(Object[]... rows) {
        return prices.write(rows);
    }

    /** ticker -> price as of {@code asOf} at {@code version}. */
    private Map<String, Long> read(AsOf asOf, VersionSelector version) {
        return prices.read(asOf, version, new ScanMetrics());
    }

    private Map<String, Long> read(String day) {
        return prices.read(day);
    }

    @Test
    void lateRowIsVisibleFromItsCommitOnAndOldVersionsStayAsTheyWere() {
        assertThat(write(row("ACME", "2024-01-01", 10L), row("ACME", "2024-02-01", 12L), row("INIT", "2024-01-05", 5L)).version()).isEqualTo(1);
        assertThat(read("2024-01-20")).isEqualTo(Map.of("ACME", 10L, "INIT", 5L));
        // A correction about January 15th arrives in March.
        assertThat(write(row("ACME", "2024-01-15", 11L)).version()).isEqualTo(2);
        assertThat(read("2024-01-20")).isEqualTo(Map.of("ACME", 11L, "INIT", 5L));
        assertThat(read("2024-02-10")).isEqualTo(Map.of("ACME", 12L, "INIT", 5L));
        assertThat(read(AsOf.eventTime(startOfDayMicros("2024-01-20")), VersionSelector.version(1))).isEqualTo(Map.of("ACME", 10L, "INIT", 5L));
        assertThat(read(AsOf.current(), VersionSelector.latest())).isEqualTo(Map.of("ACME", 12L, "INIT", 5L));
        assertThat(read("2023-12-31")).isEmpty();
    }

    @Test
    void deleteShadowsOlderRowsIncludingOnesThatArriveLater() {
        write(row("ACME", "2024-01-01", 10L));
        write(delete("ACME", "2024-03-01"));
        assertThat(read("2024-02-01")).isEqualTo(Map.of("ACME", 10L));
        assertThat(read("2024-03-01")).isEmpty();
        // A late row from before the delete must not resurrect the key after it.
        write(row("ACME", "2024-02-15", 11L));
        assertThat(read("2024-02-20")).isEqualTo(Map.of("ACME", 11L));
        assertThat(read(AsOf.current(), VersionSelector.latest())).isEmpty();
        // A row after the delete brings it back.
        write(row("ACME", "2024-04-01", 13L));
        assertThat(read(AsOf.current(), VersionSelector.latest())).isEqualTo(Map.of("ACME", 13L));
    }

    @Test
    void tieAcrossWritesGoesToTheLaterVersion() {
        write(row("ACME", "2024-01-01", 10L));
        write(row("ACME", "2024-01-01", 99L));
        assertThat(read("2024-01-01")).isEqualTo(Map.of("ACME", 99L));
        assertThat(read(AsOf.eventTime(startOfDayMicros("2024-01-01")), VersionSelector.version(1))).isEqualTo(Map.of("ACME", 10L));
    }

    @Test
    void tieWithinOneWriteIsRejectedNamingKeyAndTimeAndCommitsNothing() {
        write(row("ACME", "2024-01-01", 10L));
        assertThatThrownBy(() -> write(row("INIT", "2024-01-02", 1L), row("ACME", "2024-01-03", 11L), row("ACME", "2024-01-03", 12L)))
                .isInstanceOf(InvalidWriteException.class)
                .hasMessageContaining("(ticker=ACME)")
                .hasMessageContaining("2024-01-03T00:00:00Z")
                .hasMessageContaining("Nothing was committed");
        assertThat(Table.forStorage(storage).latestSnapshot().version()).isEqualTo(1);
        assertThat(read(AsOf.current(), VersionSelector.latest())).isEqualTo(Map.of("ACME", 10L));
    }

    @Test
    void nullKeyOrEventTimeIsRejectedNamingTheColumn() {
        assertThatThrownBy(() -> write(new Object[] {null, startOfDayMicros("2024-01-01"), 1L, false}))
                .isInstanceOf(InvalidWriteException.class).hasMessageContaining("Key column 'ticker' is null");
        assertThatThrownBy(() -> write(new Object[] {"ACME", null, 1L, false}))
                .isInstanceOf(InvalidWriteException.class).hasMessageContaining("Event-time column 'at' is null");
        assertThat(Files.exists(dir.resolve("s1.json"))).isFalse();
    }

    @Test
    void overwriteReplacesContentInOneVersionAndOldVersionsStayReadable() {
        write(row("ACME", "2024-01-01", 10L), row("INIT", "2024-01-01", 5L));
        CommitResult result = prices.write(prices.options().withMode(WriteOptions.Mode.OVERWRITE), row("HOOLI", "2024-01-02", 7L));
        assertThat(result.version()).isEqualTo(2);
        assertThat(read(AsOf.current(), VersionSelector.latest())).isEqualTo(Map.of("HOOLI", 7L));
        assertThat(read(AsOf.current(), VersionSelector.version(1))).isEqualTo(Map.of("ACME", 10L, "INIT", 5L));
    }

    @Test
    void writeWithACommittedWriteIdIsSkipped() {
        WriteOptions withId = prices.options().withWriteId("job-7");
        assertThat(prices.write(withId, row("ACME", "2024-01-01", 10L)).skipped()).isFalse();
        CommitResult retried = prices.write(withId, row("ACME", "2024-01-01", 10L));
        assertThat(retried.skipped()).isTrue();
        assertThat(retried.version()).isEqualTo(1);
        assertThat(Table.forStorage(storage).latestSnapshot().version()).isEqualTo(1);
    }

    @Test
    void optionsThatDisagreeWithTheTableAreRejected() {
        write(row("ACME", "2024-01-01", 10L));
        assertThatThrownBy(() -> prices.write(prices.options().withKeyColumns("price"), row("X", "2024-01-01", 1L)))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("'keyColumns' is [price]").hasMessageContaining("[ticker]");
        StructType wrongType = StructType.of(INPUT.field(0), INPUT.field(1), new StructField("price", PrimitiveType.STRING, true), INPUT.field(3));
        assertThatThrownBy(() -> prices.table.newWrite(prices.options()).rows(wrongType, List.<Object[]>of(new Object[] {"X", startOfDayMicros("2024-01-01"), "1", false})).commit())
                .isInstanceOf(InvalidWriteException.class)
                .hasMessageContaining("Column 'price' has type string in the data being written but long in the table");
        assertThatThrownBy(() -> prices.write(prices.options().withDeleteColumn("nope"), row("X", "2024-01-01", 1L)))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("'deleteColumn' names 'nope'");
        assertThat(Table.forStorage(storage).latestSnapshot().version()).isEqualTo(1);
    }

    @Test
    void filesAreBucketedSortedAndDescribedInTheSnapshot() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(row("K" + (i % 50), i < 100 ? "2024-01-0" + (1 + i % 9) : "2024-02-0" + (1 + i % 9), (long) i));
        }
        prices.table.newWrite(prices.options()).rows(INPUT, rows).commit();
        var snapshot = Table.forStorage(storage).latestSnapshot();
        assertThat(snapshot.segments()).extracting(s -> s.id()).containsExactly("2024-01", "2024-02");
        long total = 0;
        for (var segment : snapshot.segments()) {
            for (var delta : segment.deltas()) {
                assertThat(delta.stats().bucket()).isBetween(0, 3);
                assertThat(delta.stats().addedVersion()).isEqualTo(1);
                assertThat(io.azof.core.types.KeyOrdering.compareUtf8((String) delta.stats().minKey()[0], (String) delta.stats().maxKey()[0]))
                        .isLessThanOrEqualTo(0);
                total += delta.stats().rows();
            }
        }
        assertThat(total).isEqualTo(200);
    }
}
