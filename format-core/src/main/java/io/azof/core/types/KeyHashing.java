package io.azof.core.types;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Assigns keys to buckets. This definition is part of the azof format: every engine that writes a
 * bucketed table must reproduce it exactly.
 *
 * <pre>
 * bucketOf(key, buckets) = Integer.remainderUnsigned(crc32c(canonicalBytes(key)), buckets)
 * </pre>
 * where crc32c is CRC-32C (Castagnoli, as {@link CRC32C}) taken as an unsigned 32-bit number, and
 * {@code canonicalBytes(key)} concatenates, for each key column in order, a one-byte type tag and the
 * value's canonical encoding (all integers big-endian, two's complement):
 * <table>
 *   <caption>Tag and encoding per column type</caption>
 *   <tr><th>column type</th><th>tag</th><th>encoding</th></tr>
 *   <tr><td>string</td><td>0x01</td><td>4-byte length of the UTF-8 bytes, then the UTF-8 bytes</td></tr>
 *   <tr><td>binary</td><td>0x02</td><td>4-byte length, then the bytes</td></tr>
 *   <tr><td>boolean</td><td>0x03</td><td>1 byte: 0x00 false, 0x01 true</td></tr>
 *   <tr><td>byte, short, integer, long</td><td>0x04</td><td>the value widened to an 8-byte long</td></tr>
 *   <tr><td>float, double</td><td>0x05</td><td>the 8 bytes of the IEEE 754 binary64 bits of the value widened to
 *       double, with -0.0 replaced by 0.0 and every NaN by the canonical NaN 0x7ff8000000000000</td></tr>
 *   <tr><td>decimal(p,s)</td><td>0x06</td><td>4-byte s, then 4-byte length, then the unscaled value at scale s
 *       in the fewest bytes of two's complement that hold it (at least one; Java's
 *       {@code BigInteger.toByteArray})</td></tr>
 *   <tr><td>date</td><td>0x07</td><td>days since 1970-01-01 widened to an 8-byte long</td></tr>
 *   <tr><td>timestamp</td><td>0x08</td><td>microseconds since the epoch as an 8-byte long</td></tr>
 * </table>
 * Types that widen without changing values share a tag and an encoding (byte to long, float to double,
 * decimal to a larger precision), so widening a key column does not move any key to another bucket.
 * Keys equal under {@link KeyOrdering} get equal bytes: -0.0 and 0.0 (distinct keys there) share a bucket,
 * which is allowed, and a decimal is encoded at its type's scale whatever the scale of the object.
 * Instances are immutable and safe to share between threads.
 */
public final class KeyHashing {
    private static final byte STRING_TAG = 0x01;
    private static final byte BINARY_TAG = 0x02;
    private static final byte BOOLEAN_TAG = 0x03;
    private static final byte INTEGRAL_TAG = 0x04;
    private static final byte FLOATING_TAG = 0x05;
    private static final byte DECIMAL_TAG = 0x06;
    private static final byte DATE_TAG = 0x07;
    private static final byte TIMESTAMP_TAG = 0x08;

    private final List<KeyColumn> columns;

    private KeyHashing(List<KeyColumn> columns) {
        this.columns = columns;
    }

    /**
     * Hashing for key columns of these types, named by position in messages.
     *
     * @throws IllegalArgumentException naming a type that cannot be a key column (struct, array, map)
     */
    public static KeyHashing of(List<DataType> keyTypes) {
        return new KeyHashing(KeyColumn.of(keyTypes));
    }

    /** As {@link #of(List)}, naming the columns by their field names in messages. */
    public static KeyHashing of(StructType keySchema) {
        return new KeyHashing(KeyColumn.of(keySchema));
    }

    /** The bucket, in {@code [0, buckets)}, of a key given as one value per key column. */
    public int bucketOf(Object[] key, int buckets) {
        if (buckets <= 0) {
            throw new IllegalArgumentException("the number of buckets must be positive, got " + buckets);
        }
        return Integer.remainderUnsigned(hash(key), buckets);
    }

    /** The CRC-32C of {@link #canonicalBytes}, its 32 bits in an int. */
    public int hash(Object[] key) {
        CRC32C crc = new CRC32C();
        crc.update(canonicalBytes(key));
        return (int) crc.getValue();
    }

    /** The bytes the bucket is computed from, as defined in the class comment. */
    public byte[] canonicalBytes(Object[] key) {
        KeyColumn.checkArity(columns, key);
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * key.length);
        for (int i = 0; i < key.length; i++) {
            KeyColumn column = columns.get(i);
            encode(out, column, column.nonNull(key[i]));
        }
        return out.toByteArray();
    }

    /**
     * A hasher that takes a key one column at a time, for engines that hold key values in a form of their own: a string
     * column may be given as its UTF-8 bytes where they lie, so that no {@link String} is made per key. The bucket is
     * the one {@link #bucketOf} gives for the same key: the CRC-32C of the same canonical bytes, taken piece by piece.
     * A hasher is reused from one key to the next and is not safe to share between threads.
     */
    public Hasher newHasher() {
        return new Hasher();
    }

    /** See {@link #newHasher()}: {@link #start()}, then each key column in order, then {@link #bucket}. */
    public final class Hasher {
        private final CRC32C crc = new CRC32C();
        private final Scratch scratch = new Scratch();
        private final byte[] header = new byte[5];
        private int column = columns.size();

        private Hasher() {
        }

        /** Begins a key. */
        public Hasher start() {
            crc.reset();
            column = 0;
            return this;
        }

        /** The next key column, a string column, as the UTF-8 bytes {@code bytes[offset, offset + length)}. */
        public Hasher utf8(byte[] bytes, int offset, int length) {
            KeyColumn next = next();
            if (next.type() != PrimitiveType.STRING) {
                throw new IllegalArgumentException(next.name() + " has type " + next.type() + ", not string");
            }
            header[0] = STRING_TAG;
            for (int i = 0; i < 4; i++) {
                header[1 + i] = (byte) (length >>> (24 - 8 * i));
            }
            crc.update(header, 0, header.length);
            crc.update(bytes, offset, length);
            return this;
        }

        /** The next key column's value, in the {@link DataType} value representation. */
        public Hasher value(Object value) {
            KeyColumn next = next();
            scratch.reset();
            encode(scratch, next, next.nonNull(value));
            scratch.updateInto(crc);
            return this;
        }

        /** The bucket, in {@code [0, buckets)}, of the key given since {@link #start()}. */
        public int bucket(int buckets) {
            if (column != columns.size()) {
                throw new IllegalStateException("the key has " + columns.size() + " columns, but " + column + " were given");
            }
            if (buckets <= 0) {
                throw new IllegalArgumentException("the number of buckets must be positive, got " + buckets);
            }
            return Integer.remainderUnsigned((int) crc.getValue(), buckets);
        }

        private KeyColumn next() {
            if (column >= columns.size()) {
                throw new IllegalStateException("the key has " + columns.size() + " columns; start() begins the next key");
            }
            return columns.get(column++);
        }
    }

    /** A reusable buffer whose bytes go into a checksum without a copy; one thread's, so its writes take no lock. */
    private static final class Scratch extends ByteArrayOutputStream {
        Scratch() {
            super(32);
        }

        @Override
        public void write(int b) {
            room(1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            room(length);
            System.arraycopy(bytes, offset, buf, count, length);
            count += length;
        }

        @Override
        public void reset() {
            count = 0;
        }

        private void room(int more) {
            if (count + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(2 * buf.length, count + more));
            }
        }

        void updateInto(CRC32C crc) {
            crc.update(buf, 0, count);
        }
    }

    private static void encode(ByteArrayOutputStream out, KeyColumn column, Object value) {
        if (column.type() instanceof DecimalType decimal) {
            BigDecimal atScale;
            try {
                atScale = ((BigDecimal) value).setScale(decimal.scale(), RoundingMode.UNNECESSARY);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(column.name() + " (" + decimal + ") holds " + value
                        + ", which has more fraction digits than the type's scale");
            }
            out.write(DECIMAL_TAG);
            writeInt(out, decimal.scale());
            writeLengthPrefixed(out, atScale.unscaledValue().toByteArray());
            return;
        }
        switch ((PrimitiveType) column.type()) {
            case STRING -> {
                out.write(STRING_TAG);
                writeLengthPrefixed(out, ((String) value).getBytes(StandardCharsets.UTF_8));
            }
            case BINARY -> {
                out.write(BINARY_TAG);
                writeLengthPrefixed(out, (byte[]) value);
            }
            case BOOLEAN -> {
                out.write(BOOLEAN_TAG);
                out.write((Boolean) value ? 1 : 0);
            }
            case BYTE -> writeTagged(out, INTEGRAL_TAG, (Byte) value);
            case SHORT -> writeTagged(out, INTEGRAL_TAG, (Short) value);
            case INTEGER -> writeTagged(out, INTEGRAL_TAG, (Integer) value);
            case LONG -> writeTagged(out, INTEGRAL_TAG, (Long) value);
            case FLOAT -> writeTagged(out, FLOATING_TAG, canonicalBits((Float) value));
            case DOUBLE -> writeTagged(out, FLOATING_TAG, canonicalBits((Double) value));
            case DATE -> writeTagged(out, DATE_TAG, (Integer) value);
            case TIMESTAMP -> writeTagged(out, TIMESTAMP_TAG, (Long) value);
        }
    }

    private static long canonicalBits(double value) {
        // -0.0 == 0.0 is true, so this maps -0.0 to 0.0; doubleToLongBits already collapses every NaN.
        return Double.doubleToLongBits(value == 0.0 ? 0.0 : value);
    }

    private static void writeTagged(ByteArrayOutputStream out, byte tag, long value) {
        out.write(tag);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
    }

    private static void writeLengthPrefixed(ByteArrayOutputStream out, byte[] bytes) {
        writeInt(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write(value >>> shift);
        }
    }
}
