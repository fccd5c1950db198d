package io.azof.spark.write;

import static io.azof.core.testing.TestTimes.instant;
import static io.azof.spark.write.WriteTestSupport.PRICES;
import static io.azof.spark.write.WriteTestSupport.append;
import static io.azof.spark.write.WriteTestSupport.frame;
import static io.azof.spark.write.WriteTestSupport.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.exceptions.InvalidWriteException;
import io.azof.spark.write.WriteTestSupport.TableState;
import java.nio.file.Path;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes rejected before anything is committed: each names what is wrong, and the table keeps its version
 * and rows. They share one table, written once, because each test's point is that it stays as it was.
 */
class WriteValidationTest {
    @TempDir
    static Path table;
    @TempDir
    Path newTable;
    static TableState before;

    @BeforeAll
    static void writeTable() {
        append(frame(PRICES,
                values("ACME", instant("2024-01-01T00:00:00Z"), 10L),
                values("INIT", instant("2024-01-05T00:00:00Z"), 5L)), table);
        append(frame(PRICES, values("ACME", instant("2024-02-01T00:00:00Z"), 12L)), table);
        before = TableState.of(table);
        assertThat(before.version()).isEqualTo(2);
    }

    @AfterEach
    void tableIsUnchanged() {
        before.assertUnchanged(table);
        assertThat(newTable.resolve("s1.json")).as("a table created by a rejected write").doesNotExist();
    }

    @Test
    void nullKeyNamesTheKeyColumn() {
        assertThatThrownBy(() -> append(frame(PRICES,
                values("HOOLI", instant("2024-01-02T00:00:00Z"), 1L),
                values(null, instant("2024-01-03T00:00:00Z"), 2L)), table))
                .isInstanceOf(InvalidWriteException.class)
                .hasMessageContaining("Key column 'key' is null")
                .hasMessageContaining("Nothing was committed");
    }

    @Test
    void nullEventTimeNamesTheEventTimeColumnAndTheKey() {
        assertThatThrownBy(() -> append(frame(PRICES, values("HOOLI", null, 1L)), table))
                .isInstanceOf(InvalidWriteException.class)
                .hasMessageContaining("Event-time column 'event_time' is null")
                .hasMessageContaining("(key=HOOLI)");
    }

    @Test
    void payloadColumnOfAnotherTypeNamesTheColumnAndBothTypes() {
        StructType priceAsText = new StructType()
                .add("key", DataTypes.StringType)
                .add("event_time", DataTypes.TimestampType)
                .add("price", DataTypes.StringType);
        assertThatThrownBy(() -> append(frame(priceAsText, values("HOOLI", instant("2024-01-02T00:00:00Z"), "1")), table))
                .isInstanceOf(InvalidWriteException.class)
                .hasMessageContaining("Column 'price' has type string in the data being written but long in the table");
    }

    @Test
    void twoRowsWithOneKeyAndEventTimeNameBoth() {
        assertThatThrownBy(() -> append(frame(PRICES,
                values("HOOLI", instant("2024-01-02T00:00:00Z"), 1L),
                values("ACME", instant("2024-01-03T00:00:00Z"), 11L),
                values("INIT", instant("2024-03-03T00:00:00Z"), 6L),
                values("ACME", instant("2024-01-03T00:00:00Z"), 12L)), table))
                .isInstanceOf(InvalidWriteException.class)
                .hasMessageContaining("same key (key=ACME)")
                .hasMessageContaining("event time 2024-01-03T00:00:00Z");
    }

    @Test
    void deleteColumnThatIsMissingOrNotBooleanIsNamed() {
        assertThatThrownBy(() -> append(frame(PRICES, values("HOOLI", instant("2024-01-02T00:00:00Z"), 1L)), table, "deleteColumn", "gone"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("'deleteColumn' names 'gone', which is not a column");
        StructType textFlag = PRICES.add("gone", DataTypes.StringType);
        assertThatThrownBy(() -> append(frame(textFlag, values("HOOLI", instant("2024-01-02T00:00:00Z"), 1L, "yes")), table,
                "deleteColumn", "gone"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("'deleteColumn' names 'gone', which has type string; it must be boolean");
    }

    @Test
    void keyOrEventTimeColumnsOtherThanTheTablesAreRejected() {
        StructType withOtherTime = PRICES.add("published", DataTypes.TimestampType);
        assertThatThrownBy(() -> append(frame(PRICES, values("HOOLI", instant("2024-01-02T00:00:00Z"), 1L)), table, "keyColumns", "price"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("'keyColumns' is [price]")
                .hasMessageContaining("are [key]");
        assertThatThrownBy(() -> append(frame(withOtherTime, values("HOOLI", instant("2024-01-02T00:00:00Z"), 1L, instant("2024-01-03T00:00:00Z"))),
                table, "eventTimeColumn", "published"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("'eventTimeColumn' is 'published'")
                .hasMessageContaining("is 'event_time'");
    }

    @Test
    void eventTimeColumnThatIsNotATimestampIsRejected() {
        StructType dated = new StructType()
                .add("key", DataTypes.StringType)
                .add("day", DataTypes.DateType);
        assertThatThrownBy(() -> append(frame(dated, values("HOOLI", java.time.LocalDate.parse("2024-01-02"))), newTable,
                "eventTimeColumn", "day"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Event-time column 'day' has type date; it must be a timestamp");
    }

    @Test
    void floatKeyIsRejected() {
        StructType floats = new StructType()
                .add("level", DataTypes.FloatType)
                .add("event_time", DataTypes.TimestampType);
        assertThatThrownBy(() -> append(frame(floats, values(1.5f, instant("2024-01-02T00:00:00Z"))), newTable, "keyColumns", "level"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("Key column 'level' has type float");
    }
}
