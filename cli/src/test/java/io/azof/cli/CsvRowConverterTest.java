package io.azof.cli;

import static io.azof.core.testing.TestTimes.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.metadata.Column;
import io.azof.core.metadata.ColumnType;
import io.azof.core.metadata.TableSchema;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRowConverterTest {
    private static final TableSchema SCHEMA = new TableSchema(List.of(
            new Column("name", ColumnType.STRING, false),
            new Column("quantity", ColumnType.INT, false),
            new Column("in_stock", ColumnType.BOOLEAN, false),
            new Column("restocked_at", ColumnType.DATE_TIME, false),
            new Column("note", ColumnType.STRING, true),
            new Column("reorder_level", ColumnType.INT, true),
            new Column("featured", ColumnType.BOOLEAN, true),
            new Column("checked_at", ColumnType.DATE_TIME, true)));

    private final CsvRowConverter converter = new CsvRowConverter(SCHEMA);

    private static List<String> row(String key, String eventTime, String quantity, String inStock, String restockedAt) {
        return List.of(key, eventTime, "cup", quantity, inStock, restockedAt, "", "", "", "");
    }

    private static List<String> validRow() {
        return row("sku-1", "2024-01-02T03:04:05.678Z", "12", "true", "2023-12-31T23:59:59Z");
    }

    @Test
    void convertsKeyAndEventTimeToStringAndEpochMicros() {
        Object[] converted = converter.convert("t.csv", 1, validRow());

        assertThat(converted[0]).isEqualTo("sku-1");
        assertThat(converted[1]).isEqualTo(micros("2024-01-02T03:04:05.678Z"));
    }

    @Test
    void convertsStringIntBooleanAndDateTimeColumns() {
        Object[] converted = converter.convert("t.csv", 1, List.of("sku-1", "2024-01-02T00:00:00Z",
                "cup, large", "-42", "false", "2023-12-31T23:59:59.500Z", "fragile", "7", "true", "2024-01-01T00:00:00Z"));

        assertThat(converted).containsExactly("sku-1", micros("2024-01-02T00:00:00Z"),
                "cup, large", -42L, false, micros("2023-12-31T23:59:59.500Z"), "fragile", 7L, true,
                micros("2024-01-01T00:00:00Z"));
    }

    @Test
    void convertsIntsBeyondThirtyTwoBitsBecauseAzofIntIsSixtyFourBit() {
        Object[] converted = converter.convert("t.csv", 1, row("k", "2024-01-01T00:00:00Z", "9223372036854775807", "true",
                "2024-01-01T00:00:00Z"));

        assertThat(converted[3]).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void emptyFieldInNullableColumnsIsNull() {
        Object[] converted = converter.convert("t.csv", 1, validRow());

        assertThat(Arrays.asList(converted).subList(6, 10)).containsOnlyNulls();
    }

    @Test
    void emptyFieldInNonNullableStringColumnIsTheEmptyString() {
        Object[] converted = converter.convert("t.csv", 1, List.of("k", "2024-01-01T00:00:00Z",
                "", "1", "true", "2024-01-01T00:00:00Z", "", "", "", ""));

        assertThat(converted[2]).isEqualTo("");
    }

    @Test
    void rejectsRowWithWrongNumberOfFields() {
        assertThatThrownBy(() -> converter.convert("t.csv", 3, List.of("k", "2024-01-01T00:00:00Z", "cup")))
                .isInstanceOf(CsvDataException.class)
                .hasMessage("t.csv line 3: 3 field(s), but the schema needs 10 (key, event_time, name, quantity, in_stock, "
                        + "restocked_at, note, reorder_level, featured, checked_at)");
    }

    @Test
    void rejectsEmptyKey() {
        assertThatThrownBy(() -> converter.convert("t.csv", 4, row("", "2024-01-01T00:00:00Z", "1", "true",
                "2024-01-01T00:00:00Z")))
                .isInstanceOf(CsvDataException.class)
                .hasMessage("t.csv line 4, column 1 (key): the key is empty; every row needs one");
    }

    @Test
    void rejectsUnparsableEventTime() {
        assertThatThrownBy(() -> converter.convert("t.csv", 5, row("k", "2024-13-01T00:00:00Z", "1", "true",
                "2024-01-01T00:00:00Z")))
                .isInstanceOf(CsvDataException.class)
                .hasMessage("t.csv line 5, column 2 (event_time): '2024-13-01T00:00:00Z' is not an ISO-8601 instant in UTC "
                        + "such as 2024-01-31T09:30:00.000Z");
    }

    @Test
    void rejectsEventTimeWithoutZ() {
        assertThatThrownBy(() -> converter.convert("t.csv", 5, row("k", "2024-01-01T00:00:00+01:00", "1", "true",
                "2024-01-01T00:00:00Z")))
                .isInstanceOf(CsvDataException.class)
                .hasMessage("t.csv line 5, column 2 (event_time): '2024-01-01T00:00:00+01:00' is not an ISO-8601 instant "
                        + "in UTC such as 2024-01-31T09:30:00.000Z");
    }

    @Test
    void rejectsEventTimeFinerThanMilliseconds() {
        assertThatThrownBy(() -> converter.convert("t.csv", 6, row("k", "2024-01-01T00:00:00.000001Z", "1", "true",
                "2024-01-01T00:00:00Z")))
                .isInstanceOf(CsvDataException.class)
                .hasMessage("t.csv line 6, column 2 (event_time): '2024-01-01T00:00:00.000001Z' has digits below the "
                        + "millisecond, which azof 0.2.1 data files cannot store");
    }

    @Test
    void rejectsUnparsableInt() {
        assertThatThrownBy(() -> converter.convert("t.csv", 7, row("k", "2024-01-01T00:00:00Z", "12.5", "true",
                "2024-01-01T00:00:00Z")))
                .isInstanceOf(CsvDataException.class)
                .hasMessage("t.csv line 7, column 4 (quantity): '12.5' is not an Int (a whole number from "
                        + "-9223372036854775808 to 9223372036854775807)");
    }

    @Test
    void rejectsUnparsableBoolean() {
        assertThatThrownBy(() -> converter.convert("t.csv", 8, row("k", "2024-01-01T00:00:00Z", "1", "yes",
                "2024-01-01T00:00:00Z")))
                .isInstanceOf(CsvDataException.class)
                .hasMessage("t.csv line 8, column 5 (in_stock): 'yes' is not a Boolean (true or false)");
    }

    @Test
    void rejectsUnparsableDateTime() {
        assertThatThrownBy(() -> converter.convert("t.csv", 9, row("k", "2024-01-01T00:00:00Z", "1", "true",
                "2024-01-01")))
                .isInstanceOf(CsvDataException.class)
                .hasMessage("t.csv line 9, column 6 (restocked_at): '2024-01-01' is not an ISO-8601 instant in UTC "
                        + "such as 2024-01-31T09:30:00.000Z");
    }

    @Test
    void rejectsEmptyFieldInNonNullableIntColumn() {
        assertThatThrownBy(() -> converter.convert("t.csv", 10, row("k", "2024-01-01T00:00:00Z", "", "true",
                "2024-01-01T00:00:00Z")))
                .isInstanceOf(CsvDataException.class)
                .hasMessage("t.csv line 10, column 4 (quantity): empty, but the column is not nullable (Int)");
    }
}
