package io.azof.core.write;

import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.metadata.AutoCompaction;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.slots.CoverageGranularity;
import io.azof.core.slots.CoverageSettings;
import io.azof.core.slots.OverlapPolicy;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a writer asked for. Null fields were not given: for a new table they take the defaults, for an
 * existing table the table's own settings.
 *
 * @param deleteColumn a boolean input column; rows where it is true delete their key as of their event time
 * @param writeId an id the table remembers, so a retried write with the same id commits nothing
 * @param mergeSchema true to let a write to an existing table evolve its schema: columns the table lacks are
 *     added (nullable) and columns of a wider type than the table's are widened, in the write's own version
 * @param autoCompact a new table's {@value TableDefinition#AUTO_COMPACT} property; an existing table's must equal it
 * @param autoCompactMaxRuns a new table's {@value TableDefinition#AUTO_COMPACT_MAX_RUNS} property; likewise
 * @param formatVersion a new table's format version, {@value TableDefinition#LISTING_FORMAT} or
 *     {@value TableDefinition#MANIFEST_FORMAT} (the default); an existing table's must equal it
 * @param coverageGranularity a new table's {@value TableDefinition#COVERAGE_GRANULARITY} property; an existing table's must equal it
 * @param overlapPolicy a new table's {@value TableDefinition#OVERLAP_POLICY} property; an existing table's must equal it
 * @param onOverlap this append's overlap policy ({@value OverlapPolicy#OPTION}); null for the table's
 *
 * <p>Serializable because a {@link PreparedWrite}, which holds it, is shipped to workers.
 */
public record WriteOptions(
        Mode mode,
        List<String> keyColumns,
        String eventTimeColumn,
        String deleteColumn,
        String writeId,
        SegmentGranularity granularity,
        Integer buckets,
        boolean mergeSchema,
        Boolean autoCompact,
        Integer autoCompactMaxRuns,
        Integer formatVersion,
        CoverageGranularity coverageGranularity,
        OverlapPolicy overlapPolicy,
        OverlapPolicy onOverlap) implements Serializable {

    /**
     * APPEND adds the rows (creating the table when there is none); OVERWRITE replaces every record; CREATE writes the
     * table's first version and fails with {@link io.azof.core.exceptions.TableAlreadyExistsException} when it exists.
     */
    public enum Mode {
        APPEND, OVERWRITE, CREATE;

        /** As messages name it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final String KEY_COLUMNS = TableDefinition.KEY_COLUMNS;
    public static final String EVENT_TIME_COLUMN = TableDefinition.EVENT_TIME_COLUMN;
    public static final String DELETE_COLUMN = "deleteColumn";
    public static final String WRITE_ID = "writeId";
    public static final String SEGMENT_GRANULARITY = TableDefinition.SEGMENT_GRANULARITY;
    public static final String BUCKETS = TableDefinition.BUCKETS;
    public static final String MERGE_SCHEMA = "mergeSchema";
    public static final String AUTO_COMPACT = TableDefinition.AUTO_COMPACT;
    public static final String AUTO_COMPACT_MAX_RUNS = TableDefinition.AUTO_COMPACT_MAX_RUNS;
    public static final String FORMAT_VERSION = TableDefinition.FORMAT_VERSION_PROPERTY;
    public static final String COVERAGE_GRANULARITY = TableDefinition.COVERAGE_GRANULARITY;
    public static final String OVERLAP_POLICY = TableDefinition.OVERLAP_POLICY;
    public static final String ON_OVERLAP = OverlapPolicy.OPTION;

    /** Every option a writer takes, for engines that check what they were given. */
    public static final List<String> NAMES = List.of(KEY_COLUMNS, EVENT_TIME_COLUMN, DELETE_COLUMN, WRITE_ID, SEGMENT_GRANULARITY,
            BUCKETS, MERGE_SCHEMA, AUTO_COMPACT, AUTO_COMPACT_MAX_RUNS, FORMAT_VERSION, COVERAGE_GRANULARITY, OVERLAP_POLICY, ON_OVERLAP);

    public static final String DEFAULT_KEY_COLUMN = "key";
    public static final String DEFAULT_EVENT_TIME_COLUMN = "event_time";

    public static WriteOptions append() {
        return of(Mode.APPEND);
    }

    /** Nothing asked for but the mode. */
    public static WriteOptions of(Mode mode) {
        return new WriteOptions(mode, null, null, null, null, null, null, false, null, null, null, null, null, null);
    }

    /** The options that create a table with {@code table}'s key, event time, layout and settings (its schema comes with the rows). */
    public static WriteOptions definedBy(Mode mode, TableDefinition table) {
        return new WriteOptions(mode, table.keyColumns(), table.eventTimeColumn(), null, null, table.granularity(), table.buckets(), false,
                table.autoCompaction().enabled(), table.autoCompaction().maxRuns(), table.formatVersion(), table.coverage().granularity(),
                table.coverage().overlapPolicy(), null);
    }

    /**
     * Reads the writer options from engine options (names case-insensitive, as Spark's are). Options this
     * class does not know are ignored: engines pass their own alongside (e.g. {@code path}).
     */
    public static WriteOptions fromOptions(Mode mode, Map<String, String> options) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(options);
        List<String> keys = null;
        if (byName.containsKey(KEY_COLUMNS)) {
            keys = Arrays.stream(byName.get(KEY_COLUMNS).split(",")).map(String::trim).toList();
            if (keys.isEmpty() || keys.stream().anyMatch(String::isEmpty)) {
                throw new InvalidOptionException("Invalid value for option '" + KEY_COLUMNS + "': '" + byName.get(KEY_COLUMNS)
                        + "'. Give one or more column names separated by commas, e.g. 'ticker' or 'region,sensor_id'");
            }
        }
        SegmentGranularity granularity = byName.containsKey(SEGMENT_GRANULARITY)
                ? SegmentGranularity.parse(SEGMENT_GRANULARITY, byName.get(SEGMENT_GRANULARITY)) : null;
        Integer buckets = byName.containsKey(BUCKETS) ? wholeNumber(BUCKETS, byName.get(BUCKETS), "from 1 to 4096") : null;
        boolean mergeSchema = byName.containsKey(MERGE_SCHEMA) && bool(MERGE_SCHEMA, byName.get(MERGE_SCHEMA));
        Boolean autoCompact = byName.containsKey(AUTO_COMPACT) ? bool(AUTO_COMPACT, byName.get(AUTO_COMPACT)) : null;
        Integer maxRuns = byName.containsKey(AUTO_COMPACT_MAX_RUNS)
                ? wholeNumber(AUTO_COMPACT_MAX_RUNS, byName.get(AUTO_COMPACT_MAX_RUNS), "of at least 2") : null;
        return new WriteOptions(mode, keys, blankToNull(byName.get(EVENT_TIME_COLUMN)), blankToNull(byName.get(DELETE_COLUMN)),
                blankToNull(byName.get(WRITE_ID)), granularity, buckets, mergeSchema, autoCompact, maxRuns,
                byName.containsKey(FORMAT_VERSION) ? formatVersion(byName.get(FORMAT_VERSION)) : null,
                byName.containsKey(COVERAGE_GRANULARITY) ? CoverageGranularity.parse(byName.get(COVERAGE_GRANULARITY)) : null,
                byName.containsKey(OVERLAP_POLICY) ? OverlapPolicy.parse(OVERLAP_POLICY, byName.get(OVERLAP_POLICY)) : null,
                byName.containsKey(ON_OVERLAP) ? OverlapPolicy.parse(ON_OVERLAP, byName.get(ON_OVERLAP)) : null);
    }

    /** The {@value #FORMAT_VERSION} option: 2 (every snapshot lists every file, as azof before format version 3 reads) or 3. */
    public static int formatVersion(String value) {
        String trimmed = value == null ? "" : value.trim();
        if (!trimmed.equals(Integer.toString(TableDefinition.LISTING_FORMAT)) && !trimmed.equals(Integer.toString(TableDefinition.MANIFEST_FORMAT))) {
            throw new InvalidOptionException("Invalid value for option '" + FORMAT_VERSION + "': '" + value + "'. Accepted values: "
                    + TableDefinition.LISTING_FORMAT + " (every snapshot lists every file; readable by azof releases before format version 3) or "
                    + TableDefinition.MANIFEST_FORMAT + " (the default: manifests shared between versions)");
        }
        return Integer.parseInt(trimmed);
    }

    /** A boolean option or property: true or false, in any case. */
    public static boolean bool(String name, String value) {
        String trimmed = value == null ? "" : value.trim();
        if (!trimmed.equalsIgnoreCase("true") && !trimmed.equalsIgnoreCase("false")) {
            throw new InvalidOptionException("Invalid value for option '" + name + "': '" + value + "'. Give true or false");
        }
        return Boolean.parseBoolean(trimmed);
    }

    /** A whole-number option or property. */
    public static int wholeNumber(String name, String value, String range) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new InvalidOptionException("Invalid value for option '" + name + "': '" + value + "'. Give a whole number " + range);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The setting for compaction after writes these options give a new table. */
    public AutoCompaction autoCompaction() {
        AutoCompaction defaults = AutoCompaction.defaults();
        return new AutoCompaction(autoCompact == null ? defaults.enabled() : autoCompact,
                autoCompactMaxRuns == null ? defaults.maxRuns() : autoCompactMaxRuns);
    }

    public WriteOptions withMode(Mode newMode) {
        return new WriteOptions(newMode, keyColumns, eventTimeColumn, deleteColumn, writeId, granularity, buckets, mergeSchema, autoCompact,
                autoCompactMaxRuns, formatVersion, coverageGranularity, overlapPolicy, onOverlap);
    }

    public WriteOptions withKeyColumns(String... columns) {
        return new WriteOptions(mode, List.of(columns), eventTimeColumn, deleteColumn, writeId, granularity, buckets, mergeSchema, autoCompact,
                autoCompactMaxRuns, formatVersion, coverageGranularity, overlapPolicy, onOverlap);
    }

    public WriteOptions withEventTimeColumn(String column) {
        return new WriteOptions(mode, keyColumns, column, deleteColumn, writeId, granularity, buckets, mergeSchema, autoCompact,
                autoCompactMaxRuns, formatVersion, coverageGranularity, overlapPolicy, onOverlap);
    }

    public WriteOptions withDeleteColumn(String column) {
        return new WriteOptions(mode, keyColumns, eventTimeColumn, column, writeId, granularity, buckets, mergeSchema, autoCompact,
                autoCompactMaxRuns, formatVersion, coverageGranularity, overlapPolicy, onOverlap);
    }

    public WriteOptions withWriteId(String id) {
        return new WriteOptions(mode, keyColumns, eventTimeColumn, deleteColumn, id, granularity, buckets, mergeSchema, autoCompact,
                autoCompactMaxRuns, formatVersion, coverageGranularity, overlapPolicy, onOverlap);
    }

    public WriteOptions withLayout(SegmentGranularity segmentGranularity, int bucketCount) {
        return new WriteOptions(mode, keyColumns, eventTimeColumn, deleteColumn, writeId, segmentGranularity, bucketCount, mergeSchema,
                autoCompact, autoCompactMaxRuns, formatVersion, coverageGranularity, overlapPolicy, onOverlap);
    }

    public WriteOptions withMergeSchema(boolean merge) {
        return new WriteOptions(mode, keyColumns, eventTimeColumn, deleteColumn, writeId, granularity, buckets, merge, autoCompact,
                autoCompactMaxRuns, formatVersion, coverageGranularity, overlapPolicy, onOverlap);
    }

    /** A new table's format version ({@value TableDefinition#LISTING_FORMAT} or {@value TableDefinition#MANIFEST_FORMAT}). */
    public WriteOptions withFormatVersion(int version) {
        return new WriteOptions(mode, keyColumns, eventTimeColumn, deleteColumn, writeId, granularity, buckets, mergeSchema, autoCompact,
                autoCompactMaxRuns, formatVersion(Integer.toString(version)), coverageGranularity, overlapPolicy, onOverlap);
    }

    /** A new table's coverage granularity ({@value #COVERAGE_GRANULARITY}). */
    public WriteOptions withCoverageGranularity(CoverageGranularity slots) {
        return new WriteOptions(mode, keyColumns, eventTimeColumn, deleteColumn, writeId, granularity, buckets, mergeSchema, autoCompact,
                autoCompactMaxRuns, formatVersion, slots, overlapPolicy, onOverlap);
    }

    /** A new table's default overlap policy ({@value #OVERLAP_POLICY}). */
    public WriteOptions withOverlapPolicy(OverlapPolicy policy) {
        return new WriteOptions(mode, keyColumns, eventTimeColumn, deleteColumn, writeId, granularity, buckets, mergeSchema, autoCompact,
                autoCompactMaxRuns, formatVersion, coverageGranularity, policy, onOverlap);
    }

    /** This append's overlap policy ({@value #ON_OVERLAP}), whatever the table's default. */
    public WriteOptions withOnOverlap(OverlapPolicy policy) {
        return new WriteOptions(mode, keyColumns, eventTimeColumn, deleteColumn, writeId, granularity, buckets, mergeSchema, autoCompact,
                autoCompactMaxRuns, formatVersion, coverageGranularity, overlapPolicy, policy);
    }

    /** The time-series settings these options give a new table. */
    public CoverageSettings coverageSettings() {
        return new CoverageSettings(coverageGranularity, overlapPolicy == null ? OverlapPolicy.ALLOW : overlapPolicy);
    }

    /** A new table's setting for compaction after writes. */
    public WriteOptions withAutoCompaction(AutoCompaction setting) {
        return new WriteOptions(mode, keyColumns, eventTimeColumn, deleteColumn, writeId, granularity, buckets, mergeSchema,
                setting.enabled(), setting.maxRuns(), formatVersion, coverageGranularity, overlapPolicy, onOverlap);
    }
}
