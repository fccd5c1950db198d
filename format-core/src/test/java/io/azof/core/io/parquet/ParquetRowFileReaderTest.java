package io.azof.core.io.parquet;

import static io.azof.core.io.parquet.ParquetRowFileRoundTripTest.SCHEMA;
import static io.azof.core.io.parquet.ParquetRowFileRoundTripTest.readAll;
import static io.azof.core.io.parquet.ParquetRowFileRoundTripTest.rows;
import static io.azof.core.types.DeepValues.render;
import static io.azof.core.types.DeepValues.renderRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.exceptions.MissingDataFileException;
import io.azof.core.exceptions.SchemaMismatchException;
import io.azof.core.io.HadoopTableStorage;
import io.azof.core.testing.TestTables;
import io.azof.core.types.ArrayType;
import io.azof.core.types.DataType;
import io.azof.core.types.DecimalType;
import io.azof.core.types.MapType;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.NanoTime;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetRowFileReaderTest {
    private InMemoryFile file;

    @BeforeEach
    void writeFile() throws IOException {
        file = ParquetRowFileRoundTripTest.write(SCHEMA, rows(), ParquetRowFileWriter.Options.defaults());
    }

    private static StructType redeclare(String column, DataType type) {
        List<StructField> fields = new ArrayList<>(SCHEMA.fields());
        fields.set(SCHEMA.fieldIndex(column), new StructField(column, type, true));
        return new StructType(fields);
    }

    private ParquetRowFileReader open(StructType expected, String... columns) {
        return ParquetRowFileReader.open(file, "data.parquet", expected, List.of(columns));
    }

    @Test
    void returnsOnlyProjectedColumnsInProjectedOrder() {
        ParquetRowFileReader reader = open(SCHEMA, "s", "id");
        assertThat(reader.requestedSchema().getFields()).extracting(f -> f.getName()).containsExactly("s", "id");
        assertThat(reader.schema().fieldNames()).containsExactly("s", "id");
        assertThat(renderRows(readAll(reader))).isEqualTo(renderRows(List.of(
                new Object[] {"héllo \uD83D\uDE00", 1L}, new Object[] {null, 2L}, new Object[] {"", 3L})));
    }

    @Test
    void unprojectedColumnsAreNeitherCheckedNorDecoded() {
        // The file stores 'i' as int32; a reader that looked at unprojected columns would trip over it.
        StructType iAsString = redeclare("i", PrimitiveType.STRING);
        assertThat(readAll(open(iAsString, "id", "s"))).hasSize(3);
        assertThatThrownBy(() -> open(iAsString, "id", "i"))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessage("Data file data.parquet stores column 'i' as optional int32 i, but the table schema declares it as string");
    }

    @Test
    void nestedStructFieldsAreProjectedToo() {
        StructType tagsOnly = redeclare("person", StructType.of(
                new StructField("tags", new ArrayType(PrimitiveType.STRING, true), true)));
        ParquetRowFileReader reader = open(tagsOnly, "person");
        assertThat(reader.requestedSchema().containsPath(new String[] {"person", "name"})).isFalse();
        assertThat(reader.requestedSchema().getPaths()).hasSize(1);
        assertThat(readAll(reader)).extracting(row -> render(row[0]))
                .containsExactly("{[\"x\", null, \"\"]}", "null", "{null}");
    }

    @Test
    void missingColumnIsNamed() {
        StructType wider = new StructType(List.of(new StructField("price", new DecimalType(10, 2), true)));
        assertThatThrownBy(() -> open(wider, "price"))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessage("Data file data.parquet has no column 'price', which the table schema declares as decimal(10,2)");
    }

    @Test
    void nestedMismatchNamesThePathAndBothTypes() {
        StructType stringX = redeclare("nested", new MapType(PrimitiveType.STRING, new ArrayType(StructType.of(
                new StructField("x", PrimitiveType.STRING, true),
                new StructField("y", PrimitiveType.DOUBLE, false)), true), true));
        assertThatThrownBy(() -> open(stringX, "nested"))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageStartingWith("Data file data.parquet stores column 'nested' as optional group nested (MAP) {")
                .hasMessageContaining("but the table schema declares it as map<string, array<struct<x: string, y: double not null>>>")
                .hasMessageEndingWith("; at nested.value.element.x: expected string, found optional int32 x");
    }

    @Test
    void missingNestedFieldIsNamed() {
        StructType withAge = redeclare("person", StructType.of(
                new StructField("name", PrimitiveType.STRING, true), new StructField("age", PrimitiveType.INTEGER, true)));
        assertThatThrownBy(() -> open(withAge, "person"))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageEndingWith("; at person.age: expected integer (the stored struct has no such field)");
    }

    @Test
    void decimalOfAnotherScaleOrSmallerPrecisionIsAMismatch() {
        assertThatThrownBy(() -> open(redeclare("d9", new DecimalType(9, 3)), "d9"))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessage("Data file data.parquet stores column 'd9' as optional int32 d9 (DECIMAL(9,2)), "
                        + "but the table schema declares it as decimal(9,3)");
        assertThatThrownBy(() -> open(redeclare("d18", new DecimalType(17, 4)), "d18"))
                .isInstanceOf(SchemaMismatchException.class);
    }

    @Test
    void decimalOfGreaterPrecisionAndSameScaleReads() {
        List<Object[]> rows = readAll(open(redeclare("d9", new DecimalType(20, 2)), "d9"));
        assertThat(rows).extracting(row -> render(row[0])).containsExactly("-9999999.99bd", "null", "9999999.99bd");
    }

    @Test
    void projectionOfAnUnknownOrRepeatedColumnIsTheCallersBug() {
        assertThatThrownBy(() -> open(SCHEMA, "nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("column 'nope' is not in the table schema struct<id: long not null");
        assertThatThrownBy(() -> open(SCHEMA, "id", "id"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column 'id' is asked for twice");
    }

    @Test
    void missingFileIsNamed() {
        assertThatThrownBy(() -> ParquetRowFileReader.open(new InMemoryFile("never-written"), "b7/part-0.parquet", SCHEMA,
                List.of("id")))
                .isInstanceOf(MissingDataFileException.class)
                .hasMessage("Data file b7/part-0.parquet does not exist");
    }

    @Test
    void missingFileInTableStorageIsNamedByItsLocation(@TempDir Path dir) throws IOException {
        HadoopTableStorage storage = TestTables.localStorage(dir);
        assertThatThrownBy(() -> ParquetRowFileReader.open(storage, "gone.parquet", SCHEMA, List.of("id")))
                .isInstanceOf(MissingDataFileException.class)
                .hasMessage("Data file " + storage.location("gone.parquet") + " does not exist");
    }

    @Test
    void readsTableStorageFiles(@TempDir Path dir) throws IOException {
        HadoopTableStorage storage = TestTables.localStorage(dir);
        try (ParquetRowFileWriter writer = ParquetRowFileWriter.create(storage.outputFile("f.parquet"), SCHEMA,
                ParquetRowFileWriter.Options.defaults())) {
            for (Object[] row : rows()) {
                writer.write(row);
            }
        }
        assertThat(renderRows(readAll(ParquetRowFileReader.open(storage, "f.parquet", SCHEMA, SCHEMA.fieldNames()))))
                .isEqualTo(renderRows(rows()));
    }

    // Files written before a schema change: columns added later are absent, columns widened later are narrower.

    private static final StructType BEFORE = StructType.of(
            new StructField("id", PrimitiveType.LONG, false),
            new StructField("b", PrimitiveType.BYTE, true),
            new StructField("s", PrimitiveType.SHORT, true),
            new StructField("i", PrimitiveType.INTEGER, true),
            new StructField("f", PrimitiveType.FLOAT, true),
            new StructField("d", new DecimalType(5, 2), true));
    /** BEFORE with every number widened (the decimal from int32 to fixed_len_byte_array storage) and a column added. */
    private static final StructType AFTER = StructType.of(
            new StructField("id", PrimitiveType.LONG, false),
            new StructField("b", PrimitiveType.SHORT, true),
            new StructField("s", PrimitiveType.LONG, true),
            new StructField("i", PrimitiveType.LONG, true),
            new StructField("f", PrimitiveType.DOUBLE, true),
            new StructField("d", new DecimalType(20, 2), true),
            new StructField("note", PrimitiveType.STRING, true));

    private static InMemoryFile writtenBefore() throws IOException {
        return ParquetRowFileRoundTripTest.write(BEFORE, List.of(
                new Object[] {1L, (byte) -128, (short) -32768, Integer.MIN_VALUE, 0.1f, new BigDecimal("-999.99")},
                new Object[] {2L, null, null, null, null, null},
                new Object[] {3L, (byte) 127, (short) 32767, Integer.MAX_VALUE, Float.MAX_VALUE, new BigDecimal("999.99")}),
                ParquetRowFileWriter.Options.defaults());
    }

    @Test
    void narrowerStoredNumbersAreWidenedAndAnAbsentColumnAllowedToBeAbsentReadsAsNull() throws IOException {
        ParquetRowFileReader reader = ParquetRowFileReader.open(writtenBefore(), "old.parquet", AFTER, AFTER.fieldNames(), Set.of("note"));

        assertThat(renderRows(readAll(reader))).isEqualTo(String.join("\n",
                "{1:Long, -128:Short, -32768:Long, -2147483648:Long, 0.10000000149011612:Double, -999.99bd, null}",
                "{2:Long, null, null, null, null, null, null}",
                "{3:Long, 127:Short, 32767:Long, 2147483647:Long, 3.4028234663852886E38:Double, 999.99bd, null}"));
    }

    @Test
    void storedColumnsSayWhatTheFileHoldsForEachColumn() throws IOException {
        ParquetRowFileReader reader = ParquetRowFileReader.open(writtenBefore(), "old.parquet", AFTER, List.of("note", "f", "id", "d"),
                Set.of("note"));

        assertThat(reader.storedColumns()).containsExactly(
                new StoredColumn("note", PrimitiveType.STRING, null),
                new StoredColumn("f", PrimitiveType.DOUBLE, PrimitiveType.FLOAT),
                new StoredColumn("id", PrimitiveType.LONG, PrimitiveType.LONG),
                new StoredColumn("d", new DecimalType(20, 2), new DecimalType(5, 2)));
        assertThat(reader.storedColumns()).extracting(StoredColumn::absent).containsExactly(true, false, false, false);
        assertThat(reader.storedColumns()).extracting(StoredColumn::widened).containsExactly(false, true, false, true);
        assertThat(renderRows(readAll(reader))).startsWith("{null, 0.10000000149011612:Double, 1:Long, -999.99bd}");
    }

    @Test
    void anAbsentColumnNotAllowedToBeAbsentIsStillAMismatch() throws IOException {
        InMemoryFile old = writtenBefore();
        assertThatThrownBy(() -> ParquetRowFileReader.open(old, "old.parquet", AFTER, List.of("id", "note"), Set.of()))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessage("Data file old.parquet has no column 'note', which the table schema declares as string");
    }

    @Test
    void aWiderStoredTypeIsStillAMismatch() throws IOException {
        InMemoryFile old = writtenBefore();
        StructType narrower = StructType.of(new StructField("i", PrimitiveType.SHORT, true), new StructField("f", PrimitiveType.FLOAT, true));
        assertThatThrownBy(() -> ParquetRowFileReader.open(old, "old.parquet", narrower, List.of("i"), Set.of()))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessage("Data file old.parquet stores column 'i' as optional int32 i, but the table schema declares it as short");
        StructType otherFamily = StructType.of(new StructField("i", PrimitiveType.DOUBLE, true));
        assertThatThrownBy(() -> ParquetRowFileReader.open(old, "old.parquet", otherFamily, List.of("i"), Set.of()))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessage("Data file old.parquet stores column 'i' as optional int32 i, but the table schema declares it as double");
    }

    // Files as other writers lay them out, written with Parquet's own example writer.

    private static InMemoryFile writeOther(String schema, List<Consumer<Group>> rows) throws IOException {
        MessageType type = MessageTypeParser.parseMessageType(schema);
        InMemoryFile other = new InMemoryFile("other.parquet");
        SimpleGroupFactory groups = new SimpleGroupFactory(type);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(other).withType(type)
                .withConf(new Configuration(false)).build()) {
            for (Consumer<Group> row : rows) {
                Group group = groups.newGroup();
                row.accept(group);
                writer.write(group);
            }
        }
        return other;
    }

    private static List<Object[]> readOther(InMemoryFile other, StructType expected) {
        return readAll(ParquetRowFileReader.open(other, "other.parquet", expected, expected.fieldNames()));
    }

    @Test
    void readsTimestampsInEveryUnitAndSparksInt96AsMicros() throws IOException {
        InMemoryFile other = writeOther("""
                message m {
                  required int64 millis (TIMESTAMP(MILLIS,true));
                  required int64 micros (TIMESTAMP(MICROS,true));
                  required int64 nanos (TIMESTAMP(NANOS,true));
                  required int96 legacy;
                }""", List.of(
                g -> g.append("millis", -1L).append("micros", -1L).append("nanos", -1L)
                        .append("legacy", new NanoTime(2_440_587, 86_399_999_999_000L)),
                g -> g.append("millis", 1_700_000_000_123L).append("micros", 1_700_000_000_123_456L)
                        .append("nanos", 1_700_000_000_123_456_789L)
                        .append("legacy", new NanoTime(2_440_588 + 19_675, 80_000_123_456_789L))));
        StructType expected = StructType.of(
                new StructField("millis", PrimitiveType.TIMESTAMP, false),
                new StructField("micros", PrimitiveType.TIMESTAMP, false),
                new StructField("nanos", PrimitiveType.TIMESTAMP, false),
                new StructField("legacy", PrimitiveType.TIMESTAMP, false));
        // 19675 days after the epoch is 2023-11-14; 80000 s into it is 22:13:20, i.e. 1700000000 s.
        assertThat(renderRows(readOther(other, expected))).isEqualTo(renderRows(List.of(
                new Object[] {-1_000L, -1L, -1L, -1L},
                new Object[] {1_700_000_000_123_000L, 1_700_000_000_123_456L, 1_700_000_000_123_456L,
                    1_700_000_000_123_456L})));
    }

    @Test
    void readsNarrowerIntegersWiderUnannotatedStringsAndDecimalsInEveryPhysicalForm() throws IOException {
        byte[] unscaled = BigInteger.valueOf(-12345).toByteArray();
        InMemoryFile other = writeOther("""
                message m {
                  required int32 as_long;
                  required int32 tiny_as_int (INTEGER(8,true));
                  required binary plain_text;
                  required binary bin_decimal (DECIMAL(5,2));
                  required fixed_len_byte_array(3) fixed_decimal (DECIMAL(5,2));
                }""", List.of(g -> g.append("as_long", -7).append("tiny_as_int", -128)
                .append("plain_text", Binary.fromString("ünïcode"))
                .append("bin_decimal", Binary.fromConstantByteArray(unscaled))
                .append("fixed_decimal", Binary.fromConstantByteArray(new byte[] {(byte) 0xFF, unscaled[0], unscaled[1]}))));
        StructType expected = StructType.of(
                new StructField("as_long", PrimitiveType.LONG, false),
                new StructField("tiny_as_int", PrimitiveType.INTEGER, false),
                new StructField("plain_text", PrimitiveType.STRING, false),
                new StructField("bin_decimal", new DecimalType(10, 2), false),
                new StructField("fixed_decimal", new DecimalType(5, 2), false));
        assertThat(renderRows(readOther(other, expected))).isEqualTo(renderRows(List.<Object[]>of(
                new Object[] {-7L, -128, "ünïcode", new BigDecimal("-123.45"), new BigDecimal("-123.45")})));
    }

    @Test
    void readsListsAndMapsWhoseRepeatedGroupsHaveOtherNames() throws IOException {
        InMemoryFile other = writeOther("""
                message m {
                  optional group l (LIST) {
                    repeated group bag {
                      optional int32 array_element;
                    }
                  }
                  optional group m (MAP) {
                    repeated group map (MAP_KEY_VALUE) {
                      required binary key (UTF8);
                      optional int64 value;
                    }
                  }
                }""", List.of(g -> {
                    Group list = g.addGroup("l");
                    list.addGroup("bag").append("array_element", 1);
                    list.addGroup("bag");
                    g.addGroup("m").addGroup("map").append("key", "k").append("value", 9L);
                }));
        StructType expected = StructType.of(
                new StructField("l", new ArrayType(PrimitiveType.INTEGER, true), true),
                new StructField("m", new MapType(PrimitiveType.STRING, PrimitiveType.LONG, true), true));
        assertThat(renderRows(readOther(other, expected))).isEqualTo(renderRows(List.<Object[]>of(
                new Object[] {Arrays.asList(1, null), Map.of("k", 9L)})));
    }

    @Test
    void refusesTwoLevelListsAndLocalTimestamps() throws IOException {
        InMemoryFile other = writeOther("""
                message m {
                  optional group l (LIST) {
                    repeated int32 array;
                  }
                  optional int64 local (TIMESTAMP(MICROS,false));
                }""", List.of(g -> g.addGroup("l").append("array", 1)));
        assertThatThrownBy(() -> readOther(other, StructType.of(
                new StructField("l", new ArrayType(PrimitiveType.INTEGER, false), true))))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessage("Data file other.parquet stores column 'l' as optional group l (LIST) { repeated int32 array; }, "
                        + "but the table schema declares it as array<integer not null>; at l: expected array<integer not null>, "
                        + "found optional group l (LIST) { repeated int32 array; } (only the 3-level LIST layout is supported)");
        assertThatThrownBy(() -> readOther(other, StructType.of(new StructField("local", PrimitiveType.TIMESTAMP, true))))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessage("Data file other.parquet stores column 'local' as optional int64 local (TIMESTAMP(MICROS,false)), "
                        + "but the table schema declares it as timestamp");
    }
}
