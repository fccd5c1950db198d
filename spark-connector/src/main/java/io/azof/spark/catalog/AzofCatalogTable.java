package io.azof.spark.catalog;

import io.azof.core.OptionNames;
import io.azof.core.VersionSelector;
import io.azof.core.commit.CommitResult;
import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.metadata.VersionHead;
import io.azof.core.time.Micros;
import io.azof.spark.common.SparkOptions;
import io.azof.spark.common.SparkSchemas;
import io.azof.spark.common.TableLocation;
import io.azof.spark.read.AzofScanBuilder;
import io.azof.spark.write.AzofWriteJob;
import io.azof.spark.write.WriteMetricsReport;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.SupportsTruncate;
import org.apache.spark.sql.connector.write.V1Write;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.sources.InsertableRelation;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * An azof table as the catalog hands it to Spark SQL: read exactly as {@code spark.read.format("azof")} reads
 * ({@link AzofScanBuilder}), written by {@code INSERT INTO} / {@code INSERT OVERWRITE} through the same job as
 * {@code df.write.format("azof")} ({@link AzofWriteJob}).
 *
 * <p>Writes take Spark's V1 fallback ({@link TableCapability#V1_BATCH_WRITE}): Spark hands over the whole input
 * DataFrame, which is what an azof write needs (one job that validates, sorts, writes and commits once).
 *
 * <p>A table loaded with {@code TIMESTAMP AS OF} is pinned to that <em>event time</em>: its scans read as of it,
 * as the {@code asOf} option does. One loaded with {@code VERSION AS OF} is pinned to that snapshot.
 */
public final class AzofCatalogTable implements SupportsRead, SupportsWrite {
    /** The reader option of Delta's and Iceberg's time travel ({@code spark.sql.timeTravelTimestampKey}'s default). */
    private static final String SPARK_TIMESTAMP_AS_OF = "timestampAsOf";

    private final TablePlace place;
    private final TableLocation location;
    private final VersionHead head;
    private final StructType schema;
    private final Long asOfMicros;
    private final boolean versionPinned;

    /**
     * @param head the latest version, or the one {@code VERSION AS OF} picked (its definition and commit, not its files)
     * @param asOfMicros the event time of {@code TIMESTAMP AS OF}, or null to read current
     * @param versionPinned whether {@code VERSION AS OF} picked the snapshot
     */
    public AzofCatalogTable(TablePlace place, TableLocation location, VersionHead head, Long asOfMicros, boolean versionPinned) {
        this.place = place;
        this.location = location;
        this.head = head;
        this.schema = SparkSchemas.toSpark(head.table());
        this.asOfMicros = asOfMicros;
        this.versionPinned = versionPinned;
    }

    @Override
    public String name() {
        return place.displayName();
    }

    /** Spark 3.5 deprecates schema() for columns() but still declares it abstract, so it must be here. */
    @Override
    @SuppressWarnings("deprecation")
    public StructType schema() {
        return schema;
    }

    @Override
    public Map<String, String> properties() {
        return TableProperties.of(place, head);
    }

    /** TRUNCATE: INSERT OVERWRITE replaces the whole table, which {@link WriteBuilderV1#truncate()} turns into an overwrite. */
    @Override
    public Set<TableCapability> capabilities() {
        return Set.of(TableCapability.BATCH_READ, TableCapability.V1_BATCH_WRITE, TableCapability.TRUNCATE);
    }

    /**
     * Whether Spark already applied this option when it loaded the table: Spark 4 turns {@code versionAsOf} into
     * {@code loadTable(ident, version)} and {@code timestampAsOf} into {@code loadTable(ident, micros)} (read in the
     * session time zone, as here). Only when the loaded table says the same is the option accepted.
     */
    private boolean appliedBySpark(String option, String value) {
        if (option.equals(OptionNames.VERSION_AS_OF)) {
            return versionPinned && value.trim().equals(Long.toString(head.version()));
        }
        if (option.equals(SPARK_TIMESTAMP_AS_OF) && asOfMicros != null) {
            scala.Option<Object> micros = DateTimeUtils.stringToTimestamp(UTF8String.fromString(value.trim()),
                    ZoneId.of(SQLConf.get().sessionLocalTimeZone()));
            return micros.isDefined() && asOfMicros.equals(micros.get());
        }
        return false;
    }

    /**
     * The read of {@code spark.read.format("azof")}, with the event time of {@code TIMESTAMP AS OF} as its {@code asOf}.
     * Reader options reach here from {@code spark.read.option(...).table(name)}: {@code asOf} reads as of an event time.
     * Spark 3.5 resolves no time travel from the options of such a read, so the options that would pick a version or a
     * time are refused rather than ignored: an ignored {@code versionAsOf} would silently read the latest version.
     * Spark 4 resolves {@code versionAsOf} and {@code timestampAsOf} itself, as {@code VERSION AS OF} and
     * {@code TIMESTAMP AS OF} (the table arrives here loaded with them), and still passes them on: those are accepted.
     */
    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
        SparkOptions.rejectNearMisses(options.asCaseSensitiveMap());
        for (String option : List.of(OptionNames.VERSION_AS_OF, OptionNames.SYSTEM_TIME_AS_OF, SPARK_TIMESTAMP_AS_OF)) {
            if (options.containsKey(option) && !appliedBySpark(option, options.get(option))) {
                throw new InvalidOptionException("Option '" + option + "' does not apply to catalog table " + name() + ": in SQL use"
                        + " TIMESTAMP AS OF (event time) or VERSION AS OF; for an event time with a version or a system time, read the"
                        + " table's location with spark.read.format(\"azof\"), which takes '" + OptionNames.AS_OF + "', '"
                        + OptionNames.VERSION_AS_OF + "' and '" + OptionNames.SYSTEM_TIME_AS_OF + "'");
            }
        }
        Map<String, String> scanOptions = new HashMap<>(options.asCaseSensitiveMap());
        // Applied by Spark when the table was loaded (Spark 4): the snapshot and asOfMicros already say it.
        scanOptions.keySet().removeIf(key -> key.equalsIgnoreCase(OptionNames.VERSION_AS_OF)
                || key.equalsIgnoreCase(SPARK_TIMESTAMP_AS_OF));
        if (asOfMicros != null) {
            String asOfOption = options.get(OptionNames.AS_OF);
            if (asOfOption != null) {
                throw new InvalidOptionException("Table " + name() + " is read with TIMESTAMP AS OF " + Micros.toInstant(asOfMicros)
                        + " and with option '" + OptionNames.AS_OF + "' = '" + asOfOption + "': both give the event time;"
                        + " give one");
            }
            // An ISO instant with zone: exact to the microsecond, and read by the one time-string parser.
            scanOptions.put(OptionNames.AS_OF, Micros.toInstant(asOfMicros).toString());
        }
        return new AzofScanBuilder(location, head, schema, new CaseInsensitiveStringMap(scanOptions));
    }

    @Override
    public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
        SparkOptions.rejectNearMisses(info.options().asCaseSensitiveMap());
        return new WriteBuilderV1(location.path(), info.options().asCaseSensitiveMap());
    }

    /**
     * Appends, or overwrites once Spark asked to {@link #truncate()} (INSERT OVERWRITE). Spark's V1 fallback calls
     * {@link InsertableRelation#insert} with {@code overwrite = false} in both cases, so the builder's flag decides.
     */
    private static final class WriteBuilderV1 implements SupportsTruncate {
        private final String path;
        private final Map<String, String> options;
        private boolean overwrite;

        WriteBuilderV1(String path, Map<String, String> writeOptions) {
            this.path = path;
            this.options = new HashMap<>(writeOptions);
            this.options.put(TableLocation.PATH_OPTION, path);
        }

        @Override
        public WriteBuilder truncate() {
            overwrite = true;
            return this;
        }

        @Override
        public Write build() {
            return new JobWrite(path, overwrite ? SaveMode.Overwrite : SaveMode.Append, options);
        }
    }

    /** The write job, run by Spark's V1 fallback, and its commit's metrics ({@link WriteMetricsReport}). */
    private static final class JobWrite implements V1Write {
        private final String path;
        private final SaveMode mode;
        private final Map<String, String> options;
        private volatile CommitResult result;

        JobWrite(String path, SaveMode mode, Map<String, String> options) {
            this.path = path;
            this.mode = mode;
            this.options = options;
        }

        @Override
        public InsertableRelation toInsertableRelation() {
            return (data, ignored) -> result = AzofWriteJob.run(mode, options, data);
        }

        @Override
        public String description() {
            return "azof " + mode.name().toLowerCase(Locale.ROOT) + " " + path;
        }

        @Override
        public CustomMetric[] supportedCustomMetrics() {
            return WriteMetricsReport.supported();
        }

        /**
         * Spark 4.1 asks for these once the V1 write has run, and shows them on the write's node in the SQL tab. Spark 3.5's
         * {@code Write} has no such method (hence no {@code @Override}) and its V1 fallback shows no metrics.
         */
        public CustomTaskMetric[] reportDriverMetrics() {
            return WriteMetricsReport.driverValues(result);
        }
    }
}
