package io.azof.core.io.parquet;

import static io.azof.core.testing.TestTimes.micros;
import static io.azof.core.types.DeepValues.renderRows;
import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.types.ArrayType;
import io.azof.core.types.DecimalType;
import io.azof.core.types.MapType;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.junit.jupiter.api.Test;

class ParquetRowFileRoundTripTest {
    private static final StructType POINT = StructType.of(
            new StructField("x", PrimitiveType.INTEGER, true),
            new StructField("y", PrimitiveType.DOUBLE, false));
    static final StructType SCHEMA = StructType.of(
            new StructField("id", PrimitiveType.LONG, false),
            new StructField("s", PrimitiveType.STRING, true),
            new StructField("raw", PrimitiveType.BINARY, true),
            new StructField("flag", PrimitiveType.BOOLEAN, true),
            new StructField("tiny", PrimitiveType.BYTE, true),
            new StructField("small", PrimitiveType.SHORT, true),
            new StructField("i", PrimitiveType.INTEGER, true),
            new StructField("f", PrimitiveType.FLOAT, true),
            new StructField("d", PrimitiveType.DOUBLE, true),
            new StructField("d9", new DecimalType(9, 2), true),
            new StructField("d18", new DecimalType(18, 4), true),
            new StructField("d38", new DecimalType(38, 10), true),
            new StructField("day", PrimitiveType.DATE, true),
            new StructField("at", PrimitiveType.TIMESTAMP, true),
            new StructField("person", StructType.of(
                    new StructField("name", PrimitiveType.STRING, true),
                    new StructField("tags", new ArrayType(PrimitiveType.STRING, true), true)), true),
            new StructField("ints", new ArrayType(PrimitiveType.INTEGER, false), true),
            new StructField("nested", new MapType(PrimitiveType.STRING, new ArrayType(POINT, true), true), true));

    private static final BigDecimal MAX_38_10 = new BigDecimal("9999999999999999999999999999.9999999999");

    static List<Object[]> rows() {
        Map<Object, Object> nested = new LinkedHashMap<>();
        nested.put("points", Arrays.asList(new Object[] {1, 2.5}, null, new Object[] {null, -0.0}));
        nested.put("empty", List.of());
        nested.put("absent", null);
        Object[] everything = {
            1L, "héllo \uD83D\uDE00", new byte[] {0, -1, 127}, true, (byte) -128, (short) 32767, Integer.MIN_VALUE,
            Float.NaN, Double.NEGATIVE_INFINITY,
            new BigDecimal("-9999999.99"), new BigDecimal("-12345678901234.5678"), MAX_38_10,
            (int) LocalDate.of(1900, 2, 28).toEpochDay(),
            micros("1969-07-20T20:17:40.123456Z"),
            new Object[] {"ada", Arrays.asList("x", null, "")},
            List.of(3, 1, 2),
            nested};
        Object[] nullsEverywhereAllowed = {
            2L, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null};
        Object[] emptyAndAllNullInside = {
            3L, "", new byte[0], false, (byte) 0, (short) -1, 0, -0.0f, Double.MIN_VALUE,
            new BigDecimal("9999999.99"), new BigDecimal("0.0001"), MAX_38_10.negate(),
            -1,
            -1L,
            new Object[] {null, null},
            List.of(),
            new LinkedHashMap<>()};
        return List.of(everything, nullsEverywhereAllowed, emptyAndAllNullInside);
    }

    static InMemoryFile write(StructType schema, List<Object[]> rows, ParquetRowFileWriter.Options options) throws IOException {
        InMemoryFile file = new InMemoryFile("data.parquet");
        try (ParquetRowFileWriter writer = ParquetRowFileWriter.create(file, schema, options)) {
            for (Object[] row : rows) {
                writer.write(row);
            }
        }
        return file;
    }

    static List<Object[]> readAll(ParquetRowFileReader reader) {
        List<Object[]> rows = new ArrayList<>();
        try (reader) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void everyTypeNestedOrNotReadsBackAsWritten() throws IOException {
        InMemoryFile file = write(SCHEMA, rows(), ParquetRowFileWriter.Options.defaults());
        ParquetRowFileReader reader = ParquetRowFileReader.open(file, "data.parquet", SCHEMA, SCHEMA.fieldNames());
        assertThat(reader.schema()).isEqualTo(SCHEMA);
        assertThat(reader.rowCount()).isEqualTo(3);
        assertThat(renderRows(readAll(reader))).isEqualTo(renderRows(rows()));
    }

    @Test
    void readerReturnsItsOwnMutableArraysAndCollections() throws IOException {
        InMemoryFile file = write(SCHEMA, rows(), ParquetRowFileWriter.Options.defaults());
        List<Object[]> read = readAll(ParquetRowFileReader.open(file, "data.parquet", SCHEMA, List.of("raw", "ints", "nested")));
        assertThat(read.get(0)[0]).isNotSameAs(read.get(2)[0]);
        assertThat(read.get(0)[1]).isInstanceOf(ArrayList.class);
        assertThat(read.get(0)[2]).isInstanceOf(LinkedHashMap.class);
    }

    @Test
    void footerMetadataIsStoredAndSnappyIsUsed() throws IOException {
        InMemoryFile file = write(SCHEMA, rows(), ParquetRowFileWriter.Options.defaults()
                .withFooterMetadata(Map.of("azof.min_key", "1", "azof.max_key", "3")));
        try (ParquetRowFileReader reader = ParquetRowFileReader.open(file, "data.parquet", SCHEMA, List.of())) {
            assertThat(reader.footerMetadata()).containsEntry("azof.min_key", "1").containsEntry("azof.max_key", "3");
        }
        try (ParquetFileReader parquet = ParquetFileReader.open(file)) {
            assertThat(parquet.getRowGroups().get(0).getColumns().get(0).getCodec().name()).isEqualTo("SNAPPY");
        }
    }

    @Test
    void manyRowGroupsAreReadOneAfterAnother() throws IOException {
        StructType schema = StructType.of(new StructField("n", PrimitiveType.LONG, false),
                new StructField("text", PrimitiveType.STRING, true));
        List<Object[]> rows = new ArrayList<>();
        for (long n = 0; n < 5_000; n++) {
            rows.add(new Object[] {n, n % 7 == 0 ? null : "row " + n});
        }
        InMemoryFile file = write(schema, rows, ParquetRowFileWriter.Options.defaults().withRowGroupSize(8 * 1024).withPageSize(1024));
        try (ParquetFileReader parquet = ParquetFileReader.open(file)) {
            assertThat(parquet.getRowGroups()).hasSizeGreaterThan(2);
        }
        assertThat(renderRows(readAll(ParquetRowFileReader.open(file, "f", schema, List.of("n", "text")))))
                .isEqualTo(renderRows(rows));
    }

    @Test
    void anEmptyProjectionStillCountsRows() throws IOException {
        InMemoryFile file = write(SCHEMA, rows(), ParquetRowFileWriter.Options.defaults());
        assertThat(readAll(ParquetRowFileReader.open(file, "data.parquet", SCHEMA, List.of())))
                .hasSize(3).allSatisfy(row -> assertThat(row).isEmpty());
    }
}
