package io.azof.core.io.parquet;

import static io.azof.core.io.parquet.ParquetRowFileRoundTripTest.readAll;
import static io.azof.core.types.DeepValues.renderRows;
import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.testing.TestArbitraries;
import io.azof.core.types.StructType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ParquetRowFilePropertyTest {

    record Table(StructType schema, List<Object[]> rows) {
        @Override
        public String toString() {
            return schema + "\n" + renderRows(rows);
        }
    }

    @Property(tries = 200)
    void anyRowsOfAnySchemaReadBackAsWritten(@ForAll("tables") Table table) throws IOException {
        InMemoryFile file = ParquetRowFileRoundTripTest.write(table.schema(), table.rows(), ParquetRowFileWriter.Options.defaults());
        List<Object[]> read = readAll(ParquetRowFileReader.open(file, "p.parquet", table.schema(), table.schema().fieldNames()));
        assertThat(renderRows(read)).isEqualTo(renderRows(table.rows()));
    }

    @Property(tries = 100)
    void projectingColumnsInReverseReturnsThemReversed(@ForAll("tables") Table table) throws IOException {
        InMemoryFile file = ParquetRowFileRoundTripTest.write(table.schema(), table.rows(), ParquetRowFileWriter.Options.defaults());
        List<String> reversed = new ArrayList<>(table.schema().fieldNames());
        Collections.reverse(reversed);
        List<Object[]> expected = table.rows().stream().map(row -> {
            Object[] copy = row.clone();
            Collections.reverse(Arrays.asList(copy));
            return copy;
        }).toList();
        assertThat(renderRows(readAll(ParquetRowFileReader.open(file, "p.parquet", table.schema(), reversed))))
                .isEqualTo(renderRows(expected));
    }

    @Provide
    Arbitrary<Table> tables() {
        return TestArbitraries.structs(2, 5).flatMap(schema -> TestArbitraries.values(schema).map(row -> (Object[]) row)
                .list().ofMaxSize(8).map(rows -> new Table(schema, rows)));
    }
}
