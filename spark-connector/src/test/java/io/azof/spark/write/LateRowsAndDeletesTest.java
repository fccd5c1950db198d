package io.azof.spark.write;

import static io.azof.core.testing.TestTimes.instant;
import static io.azof.spark.write.WriteTestSupport.PRICES;
import static io.azof.spark.write.WriteTestSupport.append;
import static io.azof.spark.write.WriteTestSupport.frame;
import static io.azof.spark.write.WriteTestSupport.latest;
import static io.azof.spark.write.WriteTestSupport.read;
import static io.azof.spark.write.WriteTestSupport.reader;
import static io.azof.spark.write.WriteTestSupport.row;
import static io.azof.spark.write.WriteTestSupport.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows that arrive after later ones, and deletes, written through Spark: state(T, V) of SPEC section 1. */
class LateRowsAndDeletesTest {
    private static final StructType PRICES_WITH_DELETES = PRICES.add("deleted", DataTypes.BooleanType);

    @TempDir
    Path table;

    @Test
    void lateRowIsVisibleFromItsCommitOnAndThePreviousVersionKeepsTheOldAnswer() {
        append(frame(PRICES,
                values("ACME", instant("2024-01-01T00:00:00Z"), 10L),
                values("ACME", instant("2024-02-01T00:00:00Z"), 12L),
                values("INIT", instant("2024-01-05T00:00:00Z"), 5L)), table);
        // A correction about January 15th arrives after February's row was written.
        append(frame(PRICES, values("ACME", instant("2024-01-15T00:00:00Z"), 11L)), table);

        assertThat(read(table, "asOf", "2024-01-15")).containsExactlyInAnyOrder(
                row("ACME", instant("2024-01-15T00:00:00Z"), 11L),
                row("INIT", instant("2024-01-05T00:00:00Z"), 5L));
        assertThat(read(table, "asOf", "2024-01-14T23:59:59.999999Z")).containsExactlyInAnyOrder(
                row("ACME", instant("2024-01-01T00:00:00Z"), 10L),
                row("INIT", instant("2024-01-05T00:00:00Z"), 5L));
        // February's row is later than the correction, so it still wins from February 1st on.
        assertThat(read(table)).containsExactlyInAnyOrder(
                row("ACME", instant("2024-02-01T00:00:00Z"), 12L),
                row("INIT", instant("2024-01-05T00:00:00Z"), 5L));
        assertThat(read(table, "asOf", "2024-01-20", "versionAsOf", "1")).containsExactlyInAnyOrder(
                row("ACME", instant("2024-01-01T00:00:00Z"), 10L),
                row("INIT", instant("2024-01-05T00:00:00Z"), 5L));
    }

    @Test
    void deleteColumnDeletesFromItsTimeOnAndIsNotStored() {
        String[] deletes = {"deleteColumn", "deleted"};
        append(frame(PRICES_WITH_DELETES,
                values("ACME", instant("2024-01-01T00:00:00Z"), 10L, false),
                values("INIT", instant("2024-01-05T00:00:00Z"), 5L, false)), table, deletes);
        append(frame(PRICES_WITH_DELETES, values("ACME", instant("2024-03-01T00:00:00Z"), null, true)), table, deletes);

        assertThat(latest(table).table().schema().fieldNames()).containsExactly("key", "event_time", "price");
        assertThat(reader().load(table.toString()).schema().fieldNames()).containsExactly("key", "event_time", "price");
        assertThat(read(table, "asOf", "2024-02-29T23:59:59Z")).containsExactlyInAnyOrder(
                row("ACME", instant("2024-01-01T00:00:00Z"), 10L),
                row("INIT", instant("2024-01-05T00:00:00Z"), 5L));
        assertThat(read(table, "asOf", "2024-03-01")).containsExactly(row("INIT", instant("2024-01-05T00:00:00Z"), 5L));
        assertThat(read(table)).containsExactly(row("INIT", instant("2024-01-05T00:00:00Z"), 5L));

        // A late row from before the delete: visible until the delete's time, never after it.
        append(frame(PRICES_WITH_DELETES, values("ACME", instant("2024-02-15T00:00:00Z"), 11L, false)), table, deletes);
        assertThat(read(table, "asOf", "2024-02-20")).containsExactlyInAnyOrder(
                row("ACME", instant("2024-02-15T00:00:00Z"), 11L),
                row("INIT", instant("2024-01-05T00:00:00Z"), 5L));
        assertThat(read(table, "asOf", "2024-03-01")).containsExactly(row("INIT", instant("2024-01-05T00:00:00Z"), 5L));
        assertThat(read(table)).containsExactly(row("INIT", instant("2024-01-05T00:00:00Z"), 5L));
        assertThat(read(table, "asOf", "2024-02-20", "versionAsOf", "2")).containsExactlyInAnyOrder(
                row("ACME", instant("2024-01-01T00:00:00Z"), 10L),
                row("INIT", instant("2024-01-05T00:00:00Z"), 5L));

        // A later row brings the key back; the table takes it without any delete column.
        append(frame(PRICES, values("ACME", instant("2024-04-01T00:00:00Z"), 13L)), table);
        assertThat(read(table)).containsExactlyInAnyOrder(
                row("ACME", instant("2024-04-01T00:00:00Z"), 13L),
                row("INIT", instant("2024-01-05T00:00:00Z"), 5L));
    }
}
