package io.azof.spark.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.LocalScan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import scala.Function1;

/**
 * A read-only table of one azof table's metadata, named {@code <table>.snapshots}, {@code <table>.segments} or
 * {@code <table>.files}. Its rows are few and built on the driver when the table is loaded, so the scan hands them
 * to Spark as a local relation ({@link LocalScan}) instead of running tasks.
 */
public final class MetadataTable implements SupportsRead {
    /** The metadata tables every azof table has, by the name that follows the table's. */
    public enum Kind {
        /** One row per version, as {@link io.azof.spark.AzofTable#history()}. */
        SNAPSHOTS,
        /** The event-time segment tree of one version (the latest unless {@code VERSION AS OF} picks one). */
        SEGMENTS,
        /** The data files of one version, with their statistics. */
        FILES;

        public String tableName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Kind> named(String name) {
            return Arrays.stream(values()).filter(kind -> kind.tableName().equalsIgnoreCase(name)).findFirst();
        }
    }

    private final String name;
    private final TableMetadataRows.RowSet rows;

    public MetadataTable(String name, TableMetadataRows.RowSet rows) {
        this.name = name;
        this.rows = rows;
    }

    @Override
    public String name() {
        return name;
    }

    /** Spark 3.5 deprecates schema() for columns() but still declares it abstract, so it must be here. */
    @Override
    @SuppressWarnings("deprecation")
    public StructType schema() {
        return rows.schema();
    }

    @Override
    public Set<TableCapability> capabilities() {
        return Set.of(TableCapability.BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
        return () -> new RowsScan(rows);
    }

    /** The rows as Spark's internal rows; Spark projects and filters them itself. */
    private record RowsScan(TableMetadataRows.RowSet rowSet) implements LocalScan {
        @Override
        public StructType readSchema() {
            return rowSet.schema();
        }

        @Override
        public InternalRow[] rows() {
            Function1<Object, Object> toInternal = CatalystTypeConverters.createToCatalystConverter(rowSet.schema());
            return rowSet.rows().stream().map(row -> (InternalRow) toInternal.apply(row)).toArray(InternalRow[]::new);
        }

        @Override
        public String description() {
            return "azof metadata, " + rowSet.rows().size() + " rows";
        }
    }
}
