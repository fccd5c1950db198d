package io.azof.spark;

import io.azof.core.metadata.VersionHead;
import io.azof.spark.common.SparkSchemas;
import io.azof.spark.common.TableLocation;
import io.azof.spark.read.AzofScanBuilder;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** An azof table as Spark sees it: pinned to the version it was loaded at (the latest, or the one versionAsOf / systemTimeAsOf picked). */
public final class AzofSparkTable implements SupportsRead {
    private final TableLocation location;
    private final VersionHead head;
    private final StructType schema;
    private final StructType givenSchema;

    /**
     * @param givenSchema the schema Spark handed the provider: the table's own (inferred) for plain reads,
     *     the user's for {@code spark.read.schema(...)}, the input's for writes (which never scan)
     */
    public AzofSparkTable(TableLocation location, VersionHead head, StructType givenSchema) {
        this.location = location;
        this.head = head;
        this.schema = SparkSchemas.toSpark(head.table());
        this.givenSchema = givenSchema;
    }

    @Override
    public String name() {
        return location.path();
    }

    /** Spark 3.5 deprecates schema() for columns() but still declares it abstract, so it must be here. */
    @Override
    @SuppressWarnings("deprecation")
    public StructType schema() {
        return schema;
    }

    @Override
    public Set<TableCapability> capabilities() {
        return Set.of(TableCapability.BATCH_READ);
    }

    /**
     * Refuses a read schema other than the table's: Spark would otherwise show the table's columns and
     * silently drop the user's. Only reads get here, so writes may hand over any input schema.
     */
    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
        if (!givenSchema.catalogString().equals(schema.catalogString())) {
            throw new IllegalArgumentException("azof table " + location.path() + " defines its own schema " + schema.catalogString()
                    + "; drop .schema(" + givenSchema.catalogString() + ") from the read");
        }
        return new AzofScanBuilder(location, head, schema, options);
    }
}
