package io.azof.core.coverage;

import io.azof.core.exceptions.AzofException;
import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.ParquetRowFileReader;
import io.azof.core.io.parquet.ParquetRowFileWriter;
import io.azof.core.slots.CoverageGranularity;
import io.azof.core.slots.SlotSet;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * A delta file's coverage file (SPEC section 6.14): a Parquet file beside it with one row per key that has upsert records
 * in the delta, in key order: the key columns, then {@value #SLOTS_COLUMN}, the slots those upserts cover as a portable
 * 64-bit Roaring bitmap ({@link SlotSet}). Written as the delta is, one key at a time, so a write's memory does not grow with
 * its keys.
 */
public final class CoverageFile {
    public static final String SLOTS_COLUMN = "_azof_slots";
    /** The footer entry naming the granularity the slots are counted in, so a file never passes for another granularity's. */
    public static final String GRANULARITY_FOOTER = "azof.coverage.granularity";

    private CoverageFile() {
    }

    /** The coverage file of data file {@code dataFile}: its name with {@code .coverage.parquet} for {@code .parquet}. */
    public static String nameFor(String dataFile) {
        String stem = dataFile.endsWith(".parquet") ? dataFile.substring(0, dataFile.length() - ".parquet".length()) : dataFile;
        return stem + ".coverage.parquet";
    }

    /**
     * A new name for the coverage file of data file {@code dataFile}, rebuilt after a change of granularity: one never used
     * before, since files are immutable and the old one may still serve retained versions.
     */
    public static String rebuiltNameFor(String dataFile) {
        return nameFor(dataFile).replace(".coverage.parquet", ".coverage-" + UUID.randomUUID() + ".parquet");
    }

    /** The file's schema: the key columns, then the slots. */
    public static StructType schema(StructType keySchema) {
        List<StructField> fields = new ArrayList<>(keySchema.fields());
        fields.add(new StructField(SLOTS_COLUMN, PrimitiveType.BINARY, false));
        return new StructType(fields);
    }

    /**
     * Collects the coverage of one data file being written, whose rows arrive in key order: {@link #startKey} at each new
     * key, {@link #add} for each record. The file is created at the first upsert; a data file of deletes only has none.
     */
    public static final class Writer implements Closeable {
        private final TableStorage storage;
        private final String file;
        private final StructType keySchema;
        private final CoverageGranularity granularity;
        private ParquetRowFileWriter out;
        private Object[] key;
        private SlotSet slots;
        private long lastSlot;

        /** @param file the coverage file to write ({@link #nameFor} its data file's name) */
        public Writer(TableStorage storage, String file, StructType keySchema, CoverageGranularity granularity) {
            this.storage = storage;
            this.file = file;
            this.keySchema = keySchema;
            this.granularity = granularity;
        }

        /**
         * The records that follow, up to the next call, have key {@code nextKey}.
         *
         * @throws UncheckedIOException when the previous key's slots cannot be written
         */
        public void startKey(Object[] nextKey) {
            try {
                flushKey();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write coverage file " + storage.location(file), e);
            }
            this.key = nextKey;
        }

        /** A record of the current key: an upsert covers the slot of its event time; a delete covers nothing. */
        public void add(long eventTimeMicros, boolean deleted) {
            if (deleted) {
                return;
            }
            long slot = granularity.slotOf(eventTimeMicros);
            if (slots == null) {
                slots = new SlotSet();
            } else if (slot == lastSlot) {
                return;
            }
            slots.add(slot);
            lastSlot = slot;
        }

        private void flushKey() throws IOException {
            if (slots == null) {
                return;
            }
            if (out == null) {
                out = ParquetRowFileWriter.create(storage.outputFile(file), schema(keySchema),
                        ParquetRowFileWriter.Options.defaults().withFooterMetadata(Map.of(GRANULARITY_FOOTER, granularity.text())));
            }
            Object[] row = new Object[keySchema.size() + 1];
            System.arraycopy(key, 0, row, 0, key.length);
            row[key.length] = slots.serialize();
            out.write(row);
            slots = null;
        }

        /** Writes the last key and closes the file; its name, or null when no record was an upsert. */
        public String finish() throws IOException {
            flushKey();
            if (out == null) {
                return null;
            }
            out.close();
            out = null;
            return file;
        }

        /** Abandons the file, which stays unreferenced until vacuum. */
        @Override
        public void close() {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // The write is failing already; the file is never referenced.
                }
                out = null;
            }
        }
    }

    /**
     * Reads a coverage file's keys and slots, in key order.
     *
     * @param withSlots false to read the keys alone (which keys have upserts), skipping the bitmaps
     * @throws AzofException naming the file when it is missing, unreadable, or counts slots of another granularity
     */
    public static void read(TableStorage storage, String file, StructType keySchema, CoverageGranularity granularity, boolean withSlots,
                            BiConsumer<Object[], SlotSet> each) {
        StructType schema = schema(keySchema);
        List<String> columns = new ArrayList<>(keySchema.fieldNames());
        if (withSlots) {
            columns.add(SLOTS_COLUMN);
        }
        try (ParquetRowFileReader rows = ParquetRowFileReader.open(storage, file, schema, columns)) {
            String written = rows.footerMetadata().get(GRANULARITY_FOOTER);
            if (!granularity.text().equals(written)) {
                throw new AzofException("Coverage file " + storage.location(file) + " counts slots of " + written
                        + " but the table's coverageGranularity is " + granularity + "; validate the table");
            }
            int keys = keySchema.size();
            while (rows.hasNext()) {
                Object[] row = rows.next();
                Object[] key = new Object[keys];
                System.arraycopy(row, 0, key, 0, keys);
                try {
                    each.accept(key, withSlots ? SlotSet.deserialize((byte[]) row[keys]) : null);
                } catch (IOException e) {
                    throw new AzofException("Coverage file " + storage.location(file) + " holds a bad bitmap: " + e.getMessage(), e);
                }
            }
        } catch (UncheckedIOException e) {
            throw new AzofException("Cannot read coverage file " + storage.location(file) + ": " + e.getMessage(), e);
        }
    }
}
