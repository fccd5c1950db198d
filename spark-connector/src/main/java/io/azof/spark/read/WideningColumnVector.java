package io.azof.spark.read;

import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarMap;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A column a data file stores in a narrower type than the table declares (the table widened it after the file
 * was written), seen as the declared type: each value of the stored column, decoded by Spark in the file's own
 * type, is widened when it is read. Spark 3.5's vectorized Parquet reader does not widen int to long, float to
 * double, or a decimal into another physical size itself (it fails with SchemaColumnConvertNotSupportedException),
 * so the reader asks it for the stored type and this view does the widening, exactly as the core's row reader does.
 */
final class WideningColumnVector extends ColumnVector {
    private final ColumnVector stored;
    private final DataType storedType;

    /**
     * @param declared the table's type: short, integer, long, double or decimal
     * @param stored the column decoded in the file's type, which widens to {@code declared}
     */
    WideningColumnVector(DataType declared, ColumnVector stored) {
        super(declared);
        this.stored = stored;
        this.storedType = stored.dataType();
    }

    /** The batch owns the stored vector and closes it; this view holds nothing of its own. */
    @Override
    public void close() {
    }

    @Override
    public boolean hasNull() {
        return stored.hasNull();
    }

    @Override
    public int numNulls() {
        return stored.numNulls();
    }

    @Override
    public boolean isNullAt(int rowId) {
        return stored.isNullAt(rowId);
    }

    @Override
    public short getShort(int rowId) {
        return storedType instanceof ByteType ? stored.getByte(rowId) : stored.getShort(rowId);
    }

    @Override
    public int getInt(int rowId) {
        if (storedType instanceof ByteType) {
            return stored.getByte(rowId);
        }
        return storedType instanceof ShortType ? stored.getShort(rowId) : stored.getInt(rowId);
    }

    @Override
    public long getLong(int rowId) {
        if (storedType instanceof LongType) {
            return stored.getLong(rowId);
        }
        return getInt(rowId);
    }

    @Override
    public double getDouble(int rowId) {
        return storedType instanceof FloatType ? stored.getFloat(rowId) : stored.getDouble(rowId);
    }

    /**
     * The stored vector lays values out by the stored precision (an int, a long or bytes), so it is read with
     * that; the value, at the same scale, then takes the declared precision.
     */
    @Override
    public Decimal getDecimal(int rowId, int precision, int scale) {
        DecimalType storedDecimal = (DecimalType) storedType;
        Decimal value = stored.getDecimal(rowId, storedDecimal.precision(), storedDecimal.scale());
        if (value == null) {
            return null;
        }
        if (precision <= Decimal.MAX_LONG_DIGITS()) {
            return new Decimal().set(value.toUnscaledLong(), precision, scale);
        }
        return Decimal.apply(value.toJavaBigDecimal(), precision, scale);
    }

    @Override
    public boolean getBoolean(int rowId) {
        throw notNumeric("boolean");
    }

    @Override
    public byte getByte(int rowId) {
        throw notNumeric("byte");
    }

    @Override
    public float getFloat(int rowId) {
        throw notNumeric("float");
    }

    @Override
    public ColumnarArray getArray(int rowId) {
        throw notNumeric("array");
    }

    @Override
    public ColumnarMap getMap(int ordinal) {
        throw notNumeric("map");
    }

    @Override
    public UTF8String getUTF8String(int rowId) {
        throw notNumeric("string");
    }

    @Override
    public byte[] getBinary(int rowId) {
        throw notNumeric("binary");
    }

    @Override
    public ColumnVector getChild(int ordinal) {
        throw notNumeric("struct");
    }

    private UnsupportedOperationException notNumeric(String asked) {
        return new UnsupportedOperationException("a " + storedType.simpleString() + " column widened to " + dataType().simpleString()
                + " has no " + asked + " values");
    }
}
