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
import static io.azof.spark.write.WriteTestSupport.writer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.TableAlreadyExistsException;
import io.azof.core.exceptions.TableNotFoundException;
import io.azof.core.metadata.CommitInfo;
import io.azof.core.metadata.Snapshot;
import io.azof.spark.TestSupport;
import io.azof.spark.write.WriteTestSupport.TableState;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save modes, table creation, and retried writes, each read back through Spark. */
class WriteModesTest {
    @TempDir
    Path table;

    private static Dataset<Row> january() {
        return frame(PRICES,
                values("ACME", instant("2024-01-01T00:00:00Z"), 10L),
                values("INIT", instant("2024-01-05T00:00:00Z"), 5L),
                values("ACME", instant("2024-02-01T00:00:00Z"), 12L));
    }

    @Test
    void firstAppendCreatesVersionOneWithTheFramesSchemaAndDefaultKeyAndEventTime() {
        append(january(), table);

        Snapshot snapshot = latest(table);
        assertThat(snapshot.version()).isEqualTo(1);
        assertThat(snapshot.commit().operation()).isEqualTo(CommitInfo.CREATE);
        assertThat(snapshot.table().keyColumns()).containsExactly("key");
        assertThat(snapshot.table().eventTimeColumn()).isEqualTo("event_time");
        assertThat(namesAndTypes(reader().load(table.toString()).schema())).isEqualTo(namesAndTypes(PRICES));
        assertThat(read(table)).containsExactlyInAnyOrder(
                row("ACME", instant("2024-02-01T00:00:00Z"), 12L),
                row("INIT", instant("2024-01-05T00:00:00Z"), 5L));
        assertThat(read(table, "asOf", "2024-01-20")).containsExactlyInAnyOrder(
                row("ACME", instant("2024-01-01T00:00:00Z"), 10L),
                row("INIT", instant("2024-01-05T00:00:00Z"), 5L));
        assertThat(read(table, "asOf", "2023-12-31T23:59:59Z")).isEmpty();
    }

    @Test
    void secondAppendAddsVersionTwoAndOldVersionsStayAsTheyWere() {
        append(january(), table);
        append(frame(PRICES,
                values("HOOLI", instant("2024-01-10T00:00:00Z"), 7L),
                values("ACME", instant("2024-03-01T00:00:00Z"), 13L)), table);

        Snapshot snapshot = latest(table);
        assertThat(snapshot.version()).isEqualTo(2);
        assertThat(snapshot.commit().operation()).isEqualTo(CommitInfo.APPEND);
        assertThat(read(table)).containsExactlyInAnyOrder(
                row("ACME", instant("2024-03-01T00:00:00Z"), 13L),
                row("INIT", instant("2024-01-05T00:00:00Z"), 5L),
                row("HOOLI", instant("2024-01-10T00:00:00Z"), 7L));
        // ACME's March row is after these times; HOOLI exists from January 10th on.
        assertThat(read(table, "asOf", "2024-01-20")).containsExactlyInAnyOrder(
                row("ACME", instant("2024-01-01T00:00:00Z"), 10L),
                row("INIT", instant("2024-01-05T00:00:00Z"), 5L),
                row("HOOLI", instant("2024-01-10T00:00:00Z"), 7L));
        assertThat(read(table, "asOf", "2024-01-09T23:59:59.999999Z")).containsExactlyInAnyOrder(
                row("ACME", instant("2024-01-01T00:00:00Z"), 10L),
                row("INIT", instant("2024-01-05T00:00:00Z"), 5L));
        assertThat(read(table, "versionAsOf", "1")).containsExactlyInAnyOrder(
                row("ACME", instant("2024-02-01T00:00:00Z"), 12L),
                row("INIT", instant("2024-01-05T00:00:00Z"), 5L));
    }

    @Test
    void keyAndEventTimeColumnsCanHaveOtherNames() {
        StructType ticks = new StructType()
                .add("at", DataTypes.TimestampType)
                .add("ticker", DataTypes.StringType)
                .add("price", DataTypes.LongType);
        append(frame(ticks,
                values(instant("2024-01-01T00:00:00Z"), "ACME", 10L),
                values(instant("2024-01-02T00:00:00Z"), "ACME", 11L)), table, "keyColumns", "ticker", "eventTimeColumn", "at");

        Snapshot snapshot = latest(table);
        assertThat(snapshot.table().keyColumns()).containsExactly("ticker");
        assertThat(snapshot.table().eventTimeColumn()).isEqualTo("at");
        assertThat(reader().load(table.toString()).schema().fieldNames()).containsExactly("at", "ticker", "price");
        assertThat(read(table, "asOf", "2024-01-01")).containsExactly(row(instant("2024-01-01T00:00:00Z"), "ACME", 10L));
        assertThat(read(table)).containsExactly(row(instant("2024-01-02T00:00:00Z"), "ACME", 11L));
    }

    @Test
    void errorIfExistsCreatesAMissingTableAndFailsNamingThePathOfAnExistingOne() {
        january().write().format("azof").save(table.toString());
        assertThat(latest(table).version()).isEqualTo(1);
        TableState before = TableState.of(table);

        assertThatThrownBy(() -> january().write().format("azof").save(table.toString()))
                .isInstanceOf(TableAlreadyExistsException.class)
                .hasMessageContaining(table.toString())
                .hasMessageContaining("already exists")
                .hasMessageContaining("errorifexists");
        before.assertUnchanged(table);
    }

    @Test
    void ignoreCreatesAMissingTableAndLeavesAnExistingOneAlone() {
        writer(january(), "ignore").save(table.toString());
        assertThat(latest(table).version()).isEqualTo(1);
        TableState before = TableState.of(table);

        writer(frame(PRICES, values("HOOLI", instant("2024-01-10T00:00:00Z"), 7L)), "ignore").save(table.toString());
        before.assertUnchanged(table);
    }

    @Test
    void overwriteReplacesTheRowsInOneVersionAndOldVersionsKeepTheirs() {
        append(january(), table);
        writer(frame(PRICES, values("HOOLI", instant("2024-01-10T00:00:00Z"), 7L)), "overwrite").save(table.toString());

        Snapshot snapshot = latest(table);
        assertThat(snapshot.version()).isEqualTo(2);
        assertThat(snapshot.commit().operation()).isEqualTo(CommitInfo.OVERWRITE);
        assertThat(read(table)).containsExactly(row("HOOLI", instant("2024-01-10T00:00:00Z"), 7L));
        // The old rows are gone at every event time, not only the current one.
        assertThat(read(table, "asOf", "2024-01-06")).isEmpty();
        assertThat(read(table, "versionAsOf", "1")).containsExactlyInAnyOrder(
                row("ACME", instant("2024-02-01T00:00:00Z"), 12L),
                row("INIT", instant("2024-01-05T00:00:00Z"), 5L));
    }

    @Test
    void overwriteOfAMissingTableCreatesIt() {
        writer(january(), "overwrite").save(table.toString());
        assertThat(latest(table).version()).isEqualTo(1);
        assertThat(read(table)).hasSize(2);
    }

    @Test
    void retriedWriteWithACommittedWriteIdCommitsNothing() {
        append(january(), table, "writeId", "load-2024-01");
        Dataset<Row> late = frame(PRICES, values("ACME", instant("2024-01-15T00:00:00Z"), 11L));
        append(late, table, "writeId", "load-2024-02");
        TableState before = TableState.of(table);
        assertThat(before.version()).isEqualTo(2);

        append(late, table, "writeId", "load-2024-02");
        append(january(), table, "writeId", "load-2024-01");

        before.assertUnchanged(table);
        assertThat(latest(table).commit().writeIds()).containsExactly("load-2024-01", "load-2024-02");
        // A duplicated row would make the version-2 row tie with itself; the read would show it twice.
        assertThat(read(table, "asOf", "2024-01-20")).containsExactlyInAnyOrder(
                row("ACME", instant("2024-01-15T00:00:00Z"), 11L),
                row("INIT", instant("2024-01-05T00:00:00Z"), 5L));
    }

    @Test
    void readOfAPathWithoutTableStillFailsNamingThePath() {
        assertThatThrownBy(() -> reader().load(table.toString()))
                .isInstanceOf(TableNotFoundException.class)
                .hasMessageContaining(table.toString());
    }

    /** Writes need Spark to pass schemas to the provider; reads must not start accepting them silently. */
    @Test
    void readWithAUserSchemaFailsForAMissingTableAndForASchemaOtherThanTheTables() {
        assertThatThrownBy(() -> reader().schema(PRICES).load(table.toString()).collectAsList())
                .isInstanceOf(TableNotFoundException.class)
                .hasMessageContaining(table.toString());
        append(january(), table);
        assertThatThrownBy(() -> reader().schema("price LONG").load(table.toString()).collectAsList())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("defines its own schema struct<key:string,event_time:timestamp,price:bigint>")
                .hasMessageContaining(".schema(struct<price:bigint>)");
        assertThat(TestSupport.rows(reader().schema(PRICES).load(table.toString()))).hasSize(2);
    }

    @Test
    void partitionByIsRejectedPointingAtBucketsAndSegments() {
        assertThatThrownBy(() -> january().write().format("azof").mode("append").partitionBy("key").save(table.toString()))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("partitionBy")
                .hasMessageContaining("buckets");
        assertThat(table.resolve("s1.json")).doesNotExist();
    }

    private static List<String> namesAndTypes(StructType schema) {
        return Arrays.stream(schema.fields()).map(f -> f.name() + ":" + f.dataType().simpleString()).toList();
    }
}
