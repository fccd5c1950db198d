package io.azof.core.io.parquet;

import static io.azof.core.io.parquet.ParquetRowFileRoundTripTest.readAll;
import static io.azof.core.types.DeepValues.renderRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azof.core.io.HadoopTableStorage;
import io.azof.core.testing.TestTables;
import io.azof.core.types.ArrayType;
import io.azof.core.types.DecimalType;
import io.azof.core.types.MapType;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetRowFileWriterTest {
    private static final StructType SCHEMA = StructType.of(
            new StructField("id", PrimitiveType.LONG, false),
            new StructField("amount", new DecimalType(9, 2), true),
            new StructField("ints", new ArrayType(PrimitiveType.INTEGER, false), true),
            new StructField("m", new MapType(PrimitiveType.STRING, new ArrayType(StructType.of(
                    new StructField("x", PrimitiveType.INTEGER, true),
                    new StructField("y", PrimitiveType.DOUBLE, false)), true), true), true));

    private static ParquetRowFileWriter create() throws IOException {
        return ParquetRowFileWriter.create(new InMemoryFile("f.parquet"), SCHEMA, ParquetRowFileWriter.Options.defaults());
    }

    private static Map<Object, Object> points(Object[]... points) {
        Map<Object, Object> map = new HashMap<>();
        map.put("k", Arrays.asList(points));
        return map;
    }

    @Test
    void nullInANonNullableColumnNamesIt() throws IOException {
        try (ParquetRowFileWriter writer = create()) {
            assertThatThrownBy(() -> writer.write(new Object[] {null, null, null, null}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("id (long) may not be null, but the row holds null there");
        }
    }

    @Test
    void nullDeepInsideNamesTheFieldPath() throws IOException {
        try (ParquetRowFileWriter writer = create()) {
            assertThatThrownBy(() -> writer.write(new Object[] {1L, null, null, points(new Object[] {1, null})}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("m.value.element.y (double) may not be null, but the row holds null there");
        }
        try (ParquetRowFileWriter writer = create()) {
            assertThatThrownBy(() -> writer.write(new Object[] {1L, null, Arrays.asList(1, null), null}))
                    .hasMessage("ints.element (integer) may not be null, but the row holds null there");
        }
        Map<Object, Object> nullKey = new HashMap<>();
        nullKey.put(null, List.of());
        try (ParquetRowFileWriter writer = create()) {
            assertThatThrownBy(() -> writer.write(new Object[] {1L, null, null, nullKey}))
                    .hasMessage("m.key (string) may not be null, but the row holds null there");
        }
    }

    @Test
    void valueOfTheWrongClassNamesTheFieldAndTheClasses() throws IOException {
        try (ParquetRowFileWriter writer = create()) {
            assertThatThrownBy(() -> writer.write(new Object[] {1, null, null, null}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("id (long) takes values of Long, but the row holds a java.lang.Integer");
        }
        try (ParquetRowFileWriter writer = create()) {
            assertThatThrownBy(() -> writer.write(new Object[] {1L, null, null, points(new Object[] {1, 2f})}))
                    .hasMessage("m.value.element.y (double) takes values of Double, but the row holds a java.lang.Float");
        }
    }

    @Test
    void structOfTheWrongWidthIsNamed() throws IOException {
        try (ParquetRowFileWriter writer = create()) {
            assertThatThrownBy(() -> writer.write(new Object[] {1L, null, null}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the row has 3 values, but its type has 4 fields");
        }
        try (ParquetRowFileWriter writer = create()) {
            assertThatThrownBy(() -> writer.write(new Object[] {1L, null, null, points(new Object[] {1})}))
                    .hasMessage("struct m.value.element has 1 values, but its type has 2 fields");
        }
    }

    @Test
    void decimalMustHaveTheTypesScaleAndFitItsPrecision() throws IOException {
        try (ParquetRowFileWriter writer = create()) {
            assertThatThrownBy(() -> writer.write(new Object[] {1L, new BigDecimal("1.5"), null, null}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("amount (decimal(9,2)) cannot hold 1.5: values must have scale 2 and at most 9 digits");
        }
        try (ParquetRowFileWriter writer = create()) {
            assertThatThrownBy(() -> writer.write(new Object[] {1L, new BigDecimal("10000000.00"), null, null}))
                    .hasMessage("amount (decimal(9,2)) cannot hold 10000000.00: values must have scale 2 and at most 9 digits");
        }
    }

    @Test
    void afterAFailedRowTheWriterRefusesMore() throws IOException {
        try (ParquetRowFileWriter writer = create()) {
            assertThatThrownBy(() -> writer.write(new Object[] {null, null, null, null}))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> writer.write(new Object[] {1L, null, null, null}))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("an earlier row could not be written and may be partly in the file; close and delete the file");
        }
    }

    @Test
    void dataSizeGrowsAsRowsAreWritten() throws IOException {
        try (ParquetRowFileWriter writer = create()) {
            long empty = writer.dataSize();
            for (long id = 0; id < 100; id++) {
                writer.write(new Object[] {id, null, List.of(1, 2, 3), null});
            }
            assertThat(writer.dataSize()).isGreaterThan(empty);
        }
    }

    @Test
    void refusesToReplaceAFileUnlessAskedTo(@TempDir Path dir) throws IOException {
        HadoopTableStorage storage = TestTables.localStorage(dir);
        Object[] row = {1L, new BigDecimal("1.25"), List.of(7), null};
        writeOne(storage, row, ParquetRowFileWriter.Options.defaults());
        assertThatThrownBy(() -> writeOne(storage, row, ParquetRowFileWriter.Options.defaults()))
                .isInstanceOf(IOException.class).hasMessageContaining("already exists");
        Object[] replacement = {2L, null, null, null};
        writeOne(storage, replacement, ParquetRowFileWriter.Options.defaults().withOverwrite(true));
        assertThat(renderRows(readAll(ParquetRowFileReader.open(storage, "f.parquet", SCHEMA, SCHEMA.fieldNames()))))
                .isEqualTo(renderRows(List.<Object[]>of(replacement)));
    }

    private static void writeOne(HadoopTableStorage storage, Object[] row, ParquetRowFileWriter.Options options) throws IOException {
        try (ParquetRowFileWriter writer = ParquetRowFileWriter.create(storage.outputFile("f.parquet"), SCHEMA, options)) {
            writer.write(row);
        }
    }

    @Test
    void plainColumnsAreWrittenWithoutADictionaryAndOthersKeepOne() throws IOException {
        StructType schema = StructType.of(new StructField("key", PrimitiveType.STRING, false),
                new StructField("label", PrimitiveType.STRING, true));
        InMemoryFile file = new InMemoryFile("plain.parquet");
        try (ParquetRowFileWriter writer = ParquetRowFileWriter.create(file, schema,
                ParquetRowFileWriter.Options.defaults().withPlainColumns(Set.of("key")))) {
            for (int i = 0; i < 1000; i++) {
                writer.write(new Object[] {"key-" + i, "label-" + i % 3});
            }
        }
        try (org.apache.parquet.hadoop.ParquetFileReader reader = org.apache.parquet.hadoop.ParquetFileReader.open(file)) {
            var columns = reader.getFooter().getBlocks().get(0).getColumns();
            assertThat(columns.get(0).getPath().toDotString()).isEqualTo("key");
            assertThat(columns.get(0).hasDictionaryPage()).isFalse();
            assertThat(columns.get(1).hasDictionaryPage()).isTrue();
        }
    }
}
