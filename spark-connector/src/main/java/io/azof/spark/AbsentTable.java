package io.azof.spark;

import io.azof.core.exceptions.TableNotFoundException;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A path that holds no azof table yet, as Spark sees it while deciding how to write there: a table that
 * cannot be written through V2, so {@code DataFrameWriter.save} falls back to
 * {@link AzofDataSource#createRelation}, which creates it. Plain reads never get here ({@code inferSchema}
 * fails first); a read with a user schema does, and fails when Spark plans its scan, as a read of a missing
 * table fails everywhere else.
 */
final class AbsentTable implements SupportsRead {
    private final String path;
    private final StructType schema;
    private final TableNotFoundException notFound;

    AbsentTable(String path, StructType schema, TableNotFoundException notFound) {
        this.path = path;
        this.schema = schema;
        this.notFound = notFound;
    }

    @Override
    public String name() {
        return path;
    }

    /** Spark 3.5 deprecates schema() for columns() but still declares it abstract, so it must be here. */
    @Override
    @SuppressWarnings("deprecation")
    public StructType schema() {
        return schema;
    }

    /** BATCH_READ so that Spark asks for a scan (and gets the error) rather than trying azof as a V1 relation. */
    @Override
    public Set<TableCapability> capabilities() {
        return Set.of(TableCapability.BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
        throw notFound;
    }
}
