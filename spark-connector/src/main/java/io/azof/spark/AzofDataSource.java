package io.azof.spark;

import io.azof.core.OptionNames;
import io.azof.core.VersionSelector;
import io.azof.core.exceptions.TableNotFoundException;
import io.azof.core.metadata.VersionHead;
import io.azof.spark.common.SparkOptions;
import io.azof.spark.common.SparkSchemas;
import io.azof.spark.common.TableLocation;
import io.azof.spark.write.AzofWriteJob;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.sources.BaseRelation;
import org.apache.spark.sql.sources.CreatableRelationProvider;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import scala.Tuple2;

/**
 * Entry point of {@code spark.read.format("azof").load(path)} and {@code df.write.format("azof").save(path)}.
 *
 * <p>Reads are Data Source V2 ({@link AzofSparkTable}). Writes take Spark 3.5's V1 fallback: the tables
 * this provider hands out never declare {@code BATCH_WRITE}, so {@code DataFrameWriter.save} calls
 * {@link #createRelation} with the save mode and the whole input DataFrame. That is what an azof write
 * needs: one job that validates, sorts by bucket and key, writes files and commits once on the driver,
 * for every save mode, where V2's {@code SupportsWrite} would only offer append and overwrite here.
 */
public final class AzofDataSource implements TableProvider, DataSourceRegister, CreatableRelationProvider {
    @Override
    public String shortName() {
        return SparkOptions.FORMAT;
    }

    /** Reads without a user schema start here, so a read of a path without a table fails here, naming the path. */
    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        SparkOptions.rejectNearMisses(options.asCaseSensitiveMap());
        return SparkSchemas.toSpark(head(TableLocation.fromOptions(options.asCaseSensitiveMap()), options.asCaseSensitiveMap()).table());
    }

    /**
     * True so that {@code save} hands {@link #getTable} the input's schema instead of asking
     * {@link #inferSchema}, which fails for a table that does not exist yet.
     */
    @Override
    public boolean supportsExternalMetadata() {
        return true;
    }

    /**
     * The table at the path, for reads and for Spark's capability check before a write. A path without a
     * table yields an {@link AbsentTable}, which lets a write create it.
     */
    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        SparkOptions.rejectNearMisses(properties);
        TableLocation location = TableLocation.fromOptions(properties);
        try {
            return new AzofSparkTable(location, head(location, properties), schema);
        } catch (TableNotFoundException e) {
            return new AbsentTable(location.path(), schema, e);
        }
    }

    /**
     * The version a read's versionAsOf / systemTimeAsOf options pick (the latest without them): its head only, so that
     * the scan later opens only the manifests it can touch (format version 3, SPEC section 6.12).
     */
    private static VersionHead head(TableLocation location, Map<String, String> options) {
        ZoneId sessionZone = DateTimeUtils.getZoneId(SQLConf.get().sessionLocalTimeZone());
        CaseInsensitiveStringMap byName = new CaseInsensitiveStringMap(options);
        VersionSelector selector = VersionSelector.fromOptions(
                byName.get(OptionNames.VERSION_AS_OF), byName.get(OptionNames.SYSTEM_TIME_AS_OF), sessionZone);
        return location.table().head(selector);
    }

    @Override
    public BaseRelation createRelation(SQLContext sqlContext, SaveMode mode, scala.collection.immutable.Map<String, String> parameters,
                                       Dataset<Row> data) {
        Map<String, String> options = toJava(parameters);
        SparkOptions.rejectNearMisses(options);
        AzofWriteJob.run(mode, options, data);
        return new WrittenRelation(sqlContext, data.schema());
    }

    /** Through Scala's iterator, which Scala 2.12 and 2.13 share, rather than a version's converters. */
    private static Map<String, String> toJava(scala.collection.Map<String, String> parameters) {
        Map<String, String> options = new HashMap<>();
        scala.collection.Iterator<Tuple2<String, String>> entries = parameters.iterator();
        while (entries.hasNext()) {
            Tuple2<String, String> entry = entries.next();
            options.put(entry._1(), entry._2());
        }
        return options;
    }

    /** What {@code save} returns to Spark, which only asks it for the schema of what was written. */
    private static final class WrittenRelation extends BaseRelation {
        private final SQLContext sqlContext;
        private final StructType schema;

        WrittenRelation(SQLContext sqlContext, StructType schema) {
            this.sqlContext = sqlContext;
            this.schema = schema;
        }

        @Override
        public SQLContext sqlContext() {
            return sqlContext;
        }

        @Override
        public StructType schema() {
            return schema;
        }
    }
}
