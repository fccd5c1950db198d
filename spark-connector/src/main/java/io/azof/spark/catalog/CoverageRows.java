package io.azof.spark.catalog;

import io.azof.core.CoverageQuery;
import io.azof.core.Table;
import io.azof.core.VersionSelector;
import io.azof.core.slots.SlotCoverage;
import io.azof.spark.common.SparkSchemas;
import io.azof.spark.common.SparkValues;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A table's coverage (SPEC section 6.14) as rows, built on the driver from the coverage its commits recorded: no data file
 * is read. {@link io.azof.spark.AzofTable#coverage} and its siblings and the SQL functions {@code azof_coverage},
 * {@code azof_gaps}, {@code azof_table_coverage} and {@code azof_table_gaps} show these rows.
 */
public final class CoverageRows {
    /** The four ways to show one coverage answer. */
    public enum View {
        /** One row per key: the key columns, covered_slots, total_slots, ratio, max_gap_slots. */
        KEYS("coverage"),
        /** One row per gap of each key: the key columns, gap_start, gap_end, slots. */
        KEY_GAPS("gaps"),
        /** One row over the whole table (a slot is covered when any key covers it): covered_slots, total_slots, ratio, max_gap_slots. */
        TABLE("table_coverage"),
        /** One row per gap of the whole table: gap_start, gap_end, slots. */
        TABLE_GAPS("table_gaps");

        private final String name;

        View(String name) {
            this.name = name;
        }

        /** As the SQL function names it after {@code azof_}: coverage, gaps, table_coverage, table_gaps. */
        public String sqlName() {
            return name;
        }

        boolean perKey() {
            return this == KEYS || this == KEY_GAPS;
        }

        boolean gaps() {
            return this == KEY_GAPS || this == TABLE_GAPS;
        }
    }

    private static final StructType COUNTS = new StructType()
            .add("covered_slots", DataTypes.LongType, false)
            .add("total_slots", DataTypes.LongType, false)
            .add("ratio", DataTypes.DoubleType, false)
            .add("max_gap_slots", DataTypes.LongType, false);

    private static final StructType GAPS = new StructType()
            .add("gap_start", DataTypes.TimestampType, false)
            .add("gap_end", DataTypes.TimestampType, false)
            .add("slots", DataTypes.LongType, false);

    private CoverageRows() {
    }

    /**
     * Computes {@code query} on {@code table} and lays its answer out as {@code view} asks.
     *
     * @throws io.azof.core.exceptions.InvalidOptionException for a version that records no coverage, naming the property to set
     * @throws io.azof.core.exceptions.VersionNotFoundException for an unknown or expired version
     */
    public static TableMetadataRows.RowSet of(View view, Table table, CoverageQuery query) {
        CoverageQuery.Coverage coverage = query.compute();
        StructType values = view.gaps() ? GAPS : COUNTS;
        if (!view.perKey()) {
            return new TableMetadataRows.RowSet(values, rows(view, coverage.table(), new Object[0]));
        }
        StructField[] keyFields = keyFields(table, coverage);
        List<Row> rows = new ArrayList<>();
        for (CoverageQuery.KeyCoverage key : coverage.keys()) {
            Object[] keyValues = new Object[keyFields.length];
            for (int i = 0; i < keyValues.length; i++) {
                DataType type = keyFields[i].dataType();
                keyValues[i] = CatalystTypeConverters.convertToScala(SparkValues.toSpark(type, key.key()[i]), type);
            }
            rows.addAll(rows(view, key.coverage(), keyValues));
        }
        StructType schema = new StructType(keyFields);
        for (StructField field : values.fields()) {
            schema = schema.add(field);
        }
        return new TableMetadataRows.RowSet(schema, rows);
    }

    /** The rows of one key's coverage (or the table's, with no key values), each starting with the key's values. */
    private static List<Row> rows(View view, SlotCoverage coverage, Object[] key) {
        if (!view.gaps()) {
            return List.of(row(key, coverage.coveredSlots(), coverage.totalSlots(), coverage.ratio(), coverage.maxGapSlots()));
        }
        return coverage.gaps().stream().map(gap -> row(key, gap.start(), gap.end(), gap.slots())).toList();
    }

    private static Row row(Object[] key, Object... values) {
        Object[] all = new Object[key.length + values.length];
        System.arraycopy(key, 0, all, 0, key.length);
        System.arraycopy(values, 0, all, key.length, values.length);
        return RowFactory.create(all);
    }

    /** The key columns with the Spark types a read of the version answered for shows (the answer holds only their names). */
    private static StructField[] keyFields(Table table, CoverageQuery.Coverage coverage) {
        StructType tableSchema = SparkSchemas.toSpark(table.head(VersionSelector.version(coverage.version())).table());
        return coverage.keyColumns().stream()
                .map(name -> DataTypes.createStructField(name, tableSchema.apply(name).dataType(), false))
                .toArray(StructField[]::new);
    }
}
