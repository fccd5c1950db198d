package io.azof.spark.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.metadata.Snapshot;
import io.azof.core.testing.TestTables;
import io.azof.spark.SharedSpark;
import io.azof.spark.TestSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** DataFrames to write, writers with options, and reads of what was written. */
final class WriteTestSupport {
    /** The default layout of a table: key {@code key} (string), event time {@code event_time}, one payload column. */
    static final StructType PRICES = new StructType()
            .add("key", DataTypes.StringType)
            .add("event_time", DataTypes.TimestampType)
            .add("price", DataTypes.LongType);

    private WriteTestSupport() {
    }

    /** A DataFrame of rows laid out as {@code schema}; timestamps as {@link java.time.Instant}, dates as {@link java.time.LocalDate}. */
    static Dataset<Row> frame(StructType schema, Object[]... rows) {
        List<Row> list = new ArrayList<>();
        for (Object[] row : rows) {
            list.add(RowFactory.create(row));
        }
        return SharedSpark.session().createDataFrame(list, schema);
    }

    static Object[] values(Object... values) {
        return values;
    }

    /** {@code df.write.format("azof").mode(mode)} with options given as name, value, name, value... */
    static DataFrameWriter<Row> writer(Dataset<Row> frame, String mode, String... options) {
        DataFrameWriter<Row> writer = frame.write().format("azof").mode(mode);
        for (int i = 0; i < options.length; i += 2) {
            writer = writer.option(options[i], options[i + 1]);
        }
        return writer;
    }

    static void append(Dataset<Row> frame, Path table, String... options) {
        writer(frame, "append", options).save(table.toString());
    }

    /** {@code spark.read.format("azof")} with options given as name, value, name, value... */
    static DataFrameReader reader(String... options) {
        DataFrameReader reader = TestSupport.azof();
        for (int i = 0; i < options.length; i += 2) {
            reader = reader.option(options[i], options[i + 1]);
        }
        return reader;
    }

    static List<List<Object>> read(Path table, String... options) {
        return TestSupport.rows(reader(options).load(table.toString()));
    }

    static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    static Snapshot latest(Path table) {
        return TestTables.localTable(table).latestSnapshot();
    }

    static Snapshot snapshot(Path table, long version) {
        return TestTables.localTable(table).snapshot(version);
    }

    /** The table's latest version and its current rows, to compare before and after a write that must change nothing. */
    record TableState(long version, List<List<Object>> rows) {
        static TableState of(Path table) {
            return new TableState(latest(table).version(), read(table));
        }

        void assertUnchanged(Path table) {
            TableState now = of(table);
            assertThat(now.version()).as("latest version").isEqualTo(version);
            assertThat(now.rows()).as("current rows").containsExactlyInAnyOrderElementsOf(rows);
        }
    }
}
