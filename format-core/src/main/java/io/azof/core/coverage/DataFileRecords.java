package io.azof.core.coverage;

import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.ParquetRowFileReader;
import io.azof.core.metadata.DataFileSchema;
import io.azof.core.metadata.TableDefinition;
import java.util.ArrayList;
import java.util.List;

/** What coverage needs of a data file's records: key, event time and op, in file order (key, then event time). */
public final class DataFileRecords {
    private DataFileRecords() {
    }

    /** Receives one record. */
    @FunctionalInterface
    public interface Consumer {
        void accept(Object[] key, long eventTimeMicros, boolean deleted);
    }

    /**
     * Reads the key, event-time and delete columns of every record of {@code dataFile}, a data file of {@code table}.
     *
     * @throws io.azof.core.exceptions.AzofException naming the file when it is missing or unreadable
     */
    public static void read(TableStorage storage, String dataFile, TableDefinition table, Consumer each) {
        List<String> columns = new ArrayList<>(table.keyColumns());
        columns.add(table.eventTimeColumn());
        columns.add(DataFileSchema.DELETED_COLUMN);
        int keys = table.keyColumns().size();
        try (ParquetRowFileReader rows = ParquetRowFileReader.open(storage, dataFile, DataFileSchema.of(table), columns,
                DataFileSchema.readAsNullWhenAbsent(table))) {
            while (rows.hasNext()) {
                Object[] row = rows.next();
                Object[] key = new Object[keys];
                System.arraycopy(row, 0, key, 0, keys);
                each.accept(key, (Long) row[keys], Boolean.TRUE.equals(row[keys + 1]));
            }
        }
    }
}
