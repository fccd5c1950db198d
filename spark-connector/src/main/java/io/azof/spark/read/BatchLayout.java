package io.azof.spark.read;

import io.azof.core.io.parquet.StoredColumn;
import io.azof.core.metadata.DataFileSchema;
import io.azof.core.metadata.TableDefinition;
import io.azof.spark.common.SparkSchemas;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * The columns a merging read decodes from each data file, in this order: the query's output columns (so a
 * batch row is an output row, with no projection), then the key columns, event time, op and version
 * columns the merge needs and the query did not ask for.
 */
final class BatchLayout implements Serializable {
    private static final long serialVersionUID = 1L;

    private final StructType batchSchema;
    /** The batch's columns as the core declares them in data files, to check each file against. */
    private final io.azof.core.types.StructType fileColumns;
    private final List<String> batchColumns;
    private final Set<String> absentAsNull;
    private final int[] keyOrdinals;
    private final DataType[] keyTypes;
    private final int eventTimeOrdinal;
    private final int deletedOrdinal;
    private final int versionOrdinal;
    private transient Comparator<InternalRow> keyOrder;

    BatchLayout(TableDefinition table, StructType outputSchema) {
        StructType fileSchema = (StructType) SparkSchemas.toSpark(DataFileSchema.of(table));
        List<StructField> fields = new ArrayList<>(Arrays.asList(outputSchema.fields()));
        List<String> names = new ArrayList<>(Arrays.asList(outputSchema.fieldNames()));
        List<String> mergeColumns = new ArrayList<>(table.keyColumns());
        mergeColumns.add(table.eventTimeColumn());
        mergeColumns.add(DataFileSchema.DELETED_COLUMN);
        mergeColumns.add(DataFileSchema.VERSION_COLUMN);
        for (String column : mergeColumns) {
            if (!names.contains(column)) {
                fields.add(fileSchema.apply(column));
                names.add(column);
            }
        }
        for (StructField field : fields) {
            if (!Arrays.asList(fileSchema.fieldNames()).contains(field.name())) {
                throw new IllegalArgumentException("Column '" + field.name() + "' is not a column of the table's data files "
                        + Arrays.toString(fileSchema.fieldNames()));
            }
        }
        this.batchSchema = new StructType(fields.toArray(StructField[]::new));
        this.fileColumns = DataFileSchema.of(table);
        this.batchColumns = List.copyOf(names);
        this.absentAsNull = DataFileSchema.readAsNullWhenAbsent(table);
        this.keyOrdinals = table.keyColumns().stream().mapToInt(names::indexOf).toArray();
        this.keyTypes = Arrays.stream(keyOrdinals).mapToObj(i -> fields.get(i).dataType()).toArray(DataType[]::new);
        this.eventTimeOrdinal = names.indexOf(table.eventTimeColumn());
        this.deletedOrdinal = names.indexOf(DataFileSchema.DELETED_COLUMN);
        this.versionOrdinal = names.indexOf(DataFileSchema.VERSION_COLUMN);
    }

    StructType batchSchema() {
        return batchSchema;
    }

    /**
     * How to decode one file into batches of this layout.
     *
     * @param requestedSchema the schema to ask Spark's reader for when it is not {@link #batchSchema()}: columns
     *     the file stores in a narrower type are asked for in that type; null when the file needs no such column
     * @param storedTypes per batch column, the narrower type the file stores it in (to widen while reading), or null
     */
    record FileDecoding(StructType requestedSchema, DataType[] storedTypes) {
        /** The batch's columns, with each narrower one seen as its declared type. */
        ColumnVector[] columns(ColumnarBatch batch, StructType declared) {
            ColumnVector[] columns = new ColumnVector[batch.numCols()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = storedTypes[i] == null ? batch.column(i) : new WideningColumnVector(declared.fields()[i].dataType(), batch.column(i));
            }
            return columns;
        }
    }

    /**
     * Decides, from a file's Parquet schema, how to read it into this layout, as the core's row reader reads it:
     * a nullable payload column the file lacks (added after it was written) reads as null, which Spark's reader
     * does for a missing optional column; a column the file stores in a narrower type (widened after it was
     * written) is decoded in that type and widened.
     *
     * @throws io.azof.core.exceptions.SchemaMismatchException naming the file and the column when a column is
     *     missing that may not be, or is stored in a type that does not widen to the declared one
     */
    FileDecoding decodingOf(String location, MessageType fileSchema) {
        List<StoredColumn> stored = StoredColumn.of(location, fileSchema, fileColumns, batchColumns, absentAsNull);
        StructField[] fields = batchSchema.fields().clone();
        DataType[] storedTypes = new DataType[fields.length];
        boolean widened = false;
        for (int i = 0; i < fields.length; i++) {
            if (stored.get(i).widened()) {
                storedTypes[i] = SparkSchemas.toSpark(stored.get(i).storedType());
                fields[i] = new StructField(fields[i].name(), storedTypes[i], fields[i].nullable(), fields[i].metadata());
                widened = true;
            }
        }
        return new FileDecoding(widened ? new StructType(fields) : null, storedTypes);
    }

    /** The ordinal of the key column when the key is one string column, the common case the cursor compares fastest; else -1. */
    int singleStringKeyOrdinal() {
        return keyOrdinals.length == 1 && keyTypes[0] instanceof StringType ? keyOrdinals[0] : -1;
    }

    int eventTimeOrdinal() {
        return eventTimeOrdinal;
    }

    int deletedOrdinal() {
        return deletedOrdinal;
    }

    int versionOrdinal() {
        return versionOrdinal;
    }

    /**
     * Compares the keys of two rows of this layout in the order of the core's KeyOrdering (strings and
     * binaries by unsigned bytes, floating point by Double.compare, decimals numerically), reading values
     * in place.
     */
    Comparator<InternalRow> keyOrder() {
        if (keyOrder == null) {
            Comparator<InternalRow> order = columnOrder(keyOrdinals[0], keyTypes[0]);
            for (int i = 1; i < keyOrdinals.length; i++) {
                order = order.thenComparing(columnOrder(keyOrdinals[i], keyTypes[i]));
            }
            keyOrder = order;
        }
        return keyOrder;
    }

    private static Comparator<InternalRow> columnOrder(int ordinal, DataType type) {
        if (type instanceof StringType) {
            return (a, b) -> a.getUTF8String(ordinal).compareTo(b.getUTF8String(ordinal));
        }
        if (type instanceof LongType || type instanceof TimestampType) {
            return (a, b) -> Long.compare(a.getLong(ordinal), b.getLong(ordinal));
        }
        if (type instanceof IntegerType || type instanceof DateType) {
            return (a, b) -> Integer.compare(a.getInt(ordinal), b.getInt(ordinal));
        }
        if (type instanceof ShortType) {
            return (a, b) -> Short.compare(a.getShort(ordinal), b.getShort(ordinal));
        }
        if (type instanceof ByteType) {
            return (a, b) -> Byte.compare(a.getByte(ordinal), b.getByte(ordinal));
        }
        if (type instanceof BooleanType) {
            return (a, b) -> Boolean.compare(a.getBoolean(ordinal), b.getBoolean(ordinal));
        }
        if (type instanceof DoubleType) {
            return (a, b) -> Double.compare(a.getDouble(ordinal), b.getDouble(ordinal));
        }
        if (type instanceof FloatType) {
            return (a, b) -> Float.compare(a.getFloat(ordinal), b.getFloat(ordinal));
        }
        if (type instanceof BinaryType) {
            return (a, b) -> Arrays.compareUnsigned(a.getBinary(ordinal), b.getBinary(ordinal));
        }
        if (type instanceof DecimalType decimal) {
            return (a, b) -> a.getDecimal(ordinal, decimal.precision(), decimal.scale())
                    .compare(b.getDecimal(ordinal, decimal.precision(), decimal.scale()));
        }
        throw new IllegalArgumentException("Key column type " + type.simpleString() + " has no order");
    }
}
