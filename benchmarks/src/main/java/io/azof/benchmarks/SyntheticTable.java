package io.azof.benchmarks;

import io.azof.core.io.TableStorage;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.layout.SegmentRange;
import io.azof.core.log.MetadataFiles;
import io.azof.core.metadata.AutoCompaction;
import io.azof.core.metadata.CommitInfo;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.FileStats;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.SnapshotJson;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.time.Micros;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The metadata of an azof table a year into minute-level ingestion, without its data: the latest snapshot
 * {@code s<V>.json} of format version 2 and {@code version.txt}, written with format-core's own metadata classes, so
 * that planning and committing read exactly what they would read on such a table.
 *
 * <p>The layout: {@link #DAYS} daily segments (all of 2024) times {@link #BUCKETS} key-hash buckets make the
 * <i>cells</i>; the {@code files} data files are spread evenly over them, in time order (cell {@code c} holds files
 * {@code floor(c N / cells)} to {@code floor((c + 1) N / cells) - 1}). Each file is a merged sorted run, as compaction
 * after writes leaves a day's minute appends: its cell's bucket, its cell's day, and one of the key slices that
 * partition the key space {@code k0000000}..{@code k0999999} among the cell's files, with slice boundaries jittered
 * per cell, as runs split by size do not align from one day to the next. A file's keys are those of its bucket inside
 * its slice, so its {@code min_key} and {@code max_key} bound them. Its event times run from within the first hour
 * of its day to within the last, and the files were added by versions 1 to {@code versions} in time order. The
 * snapshot lists {@code versions} write ids, one per committed write, as a table with that many writes would.
 *
 * <p>Older snapshot files are not written: a commit and a read of the latest version read only {@code version.txt}
 * and {@code s<V>.json} (and probe for {@code s<V+1>.json}), and writing V snapshots of up to N files each would cost
 * O(N V). Such a table reads as one whose earliest version is V. The data files themselves do not exist either: no
 * plan opens them, and the table's {@code autoCompact} is off, so a commit's compaction after writes (which would
 * read them) plans nothing.
 *
 * <p>Every value is a pure function of (seed, file number) ({@link SplitMix}), so the tests recompute the layout
 * from {@link #files()} and check what the planner opens against it.
 */
public final class SyntheticTable {
    /** Daily segments: all of 2024, a leap year. */
    public static final int DAYS = 366;
    /** azof's default bucket count. */
    public static final int BUCKETS = TableDefinition.DEFAULT_BUCKETS;
    /** Keys {@code k0000000} to {@code k0999999}, as the monthly history names them. */
    public static final long KEYS = 1_000_000;
    public static final Instant FIRST_DAY = Instant.parse("2024-01-01T00:00:00Z");
    /** The columns of the other scenarios' histories; the key is {@code key}, the event time {@code event_time}. */
    public static final StructType SCHEMA = StructType.of(
            new StructField("key", PrimitiveType.STRING, false),
            new StructField("event_time", PrimitiveType.TIMESTAMP, false),
            new StructField("price", PrimitiveType.DOUBLE, true),
            new StructField("qty", PrimitiveType.LONG, true),
            new StructField("note", PrimitiveType.STRING, true));
    /**
     * Daily segments, the default buckets, and compaction after writes off: with it on, the commit a benchmark times
     * would go on to compact files that are not there (see the class comment). Format version 2, whose one snapshot file
     * this class writes; {@link SyntheticMeasurement} upgrades it in place when it measures format version 3.
     */
    public static final TableDefinition DEFINITION = TableDefinition.create(List.of("key"), "event_time", SCHEMA, SegmentGranularity.DAY,
            BUCKETS, new AutoCompaction(false, AutoCompaction.DEFAULT_MAX_RUNS)).withFormatVersion(TableDefinition.LISTING_FORMAT);

    private static final long MICROS_PER_SECOND = 1_000_000;
    private static final long SECONDS_PER_DAY = Duration.ofDays(1).getSeconds();
    private static final long ONE_HOUR_SECONDS = Duration.ofHours(1).getSeconds();
    /** Stream numbers apart from the histories' generators', for tidiness. */
    private static final int FIRST_STREAM = 200;

    /** One independent stream of hash values per generated quantity. */
    private enum Field { FILE_ID_HIGH, FILE_ID_LOW, MIN_TIME, MAX_TIME, ROWS, SLICE_BOUNDARY, WRITE_ID_HIGH, WRITE_ID_LOW }

    private final SyntheticTableParameters parameters;
    private final long[] streamBases = new long[Field.values().length];

    public SyntheticTable(SyntheticTableParameters parameters) {
        this.parameters = parameters;
        for (Field field : Field.values()) {
            streamBases[field.ordinal()] = SplitMix.streamBase(parameters.seed(), FIRST_STREAM + field.ordinal());
        }
    }

    public SyntheticTableParameters parameters() {
        return parameters;
    }

    /**
     * One data file of the layout, in the terms of the snapshot it is listed in.
     *
     * @param index        its number, 0 to files - 1, in time order (cell by cell)
     * @param slice        its key slice among the {@code slices} files of its cell
     * @param minKeyIndex  the first key number of its slice: its {@code min_key} is {@link HistoryGenerator#key} of it
     * @param maxKeyIndex  the last key number of its slice
     */
    public record SyntheticFile(long index, String file, SegmentRange segment, int bucket, int slice, int slices, long minKeyIndex,
                                long maxKeyIndex, long minEventTimeMicros, long maxEventTimeMicros, long rows, long bytes,
                                long addedVersion) {
        public String minKey() {
            return HistoryGenerator.key(minKeyIndex);
        }

        public String maxKey() {
            return HistoryGenerator.key(maxKeyIndex);
        }

        DeltaFile delta() {
            FileStats stats = new FileStats(bucket, rows, bytes, new Object[] {minKey()}, new Object[] {maxKey()}, minEventTimeMicros,
                    maxEventTimeMicros, 0, addedVersion);
            return new DeltaFile(file, segment.startMicros(), segment.endMicros(), stats);
        }
    }

    /** Days times buckets. */
    public static int cells() {
        return DAYS * BUCKETS;
    }

    /** The number of the first file of cell {@code cell}; {@code firstFile(cells())} is the number of files. */
    long firstFile(int cell) {
        return cell * parameters.files() / cells();
    }

    /** Every file, in time order: cell by cell (day, then bucket), slice by slice. */
    public Stream<SyntheticFile> files() {
        return LongStream.range(0, cells()).boxed().flatMap(cell -> cellFiles(cell.intValue()));
    }

    private Stream<SyntheticFile> cellFiles(int cell) {
        long first = firstFile(cell);
        int slices = (int) (firstFile(cell + 1) - first);
        int day = cell / BUCKETS;
        int bucket = cell % BUCKETS;
        SegmentRange segment = SegmentGranularity.DAY.segmentOf(Micros.of(FIRST_DAY.plus(Duration.ofDays(day))));
        return LongStream.range(0, slices).mapToObj(s -> file(first + s, segment, bucket, cell, (int) s, slices));
    }

    private SyntheticFile file(long index, SegmentRange segment, int bucket, int cell, int slice, int slices) {
        String id = new UUID(hash(Field.FILE_ID_HIGH, index), hash(Field.FILE_ID_LOW, index)).toString();
        String name = "data/" + segment.id() + "/run-b" + bucket + "-" + id + ".parquet";
        long minTime = segment.startMicros() + Math.floorMod(hash(Field.MIN_TIME, index), ONE_HOUR_SECONDS) * MICROS_PER_SECOND;
        long maxTime = segment.endMicros() - Math.floorMod(hash(Field.MAX_TIME, index), ONE_HOUR_SECONDS) * MICROS_PER_SECOND;
        long rows = 500 + Math.floorMod(hash(Field.ROWS, index), 1_000L);
        // About what a Parquet file of the history's five columns takes: a footer, then some 48 bytes a row.
        long bytes = 4_096 + rows * 48;
        long addedVersion = 1 + index * parameters.versions() / parameters.files();
        return new SyntheticFile(index, name, segment, bucket, slice, slices, sliceStart(cell, slice, slices),
                sliceStart(cell, slice + 1, slices) - 1, minTime, maxTime, rows, bytes, addedVersion);
    }

    /**
     * The first key number of slice {@code slice} of a cell with {@code slices} files: the even boundary
     * {@code slice * KEYS / slices}, moved by up to a quarter of a slice either way (none for the first and the end).
     * Boundaries stay at least half a slice apart, so every slice holds keys.
     */
    private long sliceStart(int cell, int slice, int slices) {
        long even = slice * KEYS / slices;
        long span = KEYS / (2L * slices);
        if (slice == 0 || slice == slices || span == 0) {
            return even;
        }
        return even + Math.floorMod(hash(Field.SLICE_BOUNDARY, (long) cell * (KEYS + 1) + slice), span) - span / 2;
    }

    /** The write id of version {@code version}: a UUID, as a writer that retries with the same id would give. */
    public String writeId(long version) {
        return new UUID(hash(Field.WRITE_ID_HIGH, version), hash(Field.WRITE_ID_LOW, version)).toString();
    }

    /** The latest version's commit time: the end of the year of data, when this snapshot was committed. */
    public static Instant committedAt() {
        return FIRST_DAY.plus(Duration.ofDays(DAYS));
    }

    /** The as-of time of a read of "now": the last microsecond of the last day, at or after every event time. */
    public static Instant asOfNow() {
        return committedAt().minusNanos(1_000);
    }

    /** The key a one-key read asks for: one a little over a third into the key space. */
    public static String probeKey() {
        return HistoryGenerator.key(KEYS * 37 / 100);
    }

    /** The latest snapshot: version {@code versions}, every file in its day's segment, {@code versions} write ids. */
    public Snapshot snapshot() {
        List<Segment> segments = new ArrayList<>();
        long rowsOfLatest = 0;
        long filesOfLatest = 0;
        for (int day = 0; day < DAYS; day++) {
            List<DeltaFile> deltas = new ArrayList<>();
            SegmentRange range = null;
            for (int bucket = 0; bucket < BUCKETS; bucket++) {
                for (SyntheticFile file : (Iterable<SyntheticFile>) cellFiles(day * BUCKETS + bucket)::iterator) {
                    deltas.add(file.delta());
                    range = file.segment();
                    if (file.addedVersion() == parameters.versions()) {
                        rowsOfLatest += file.rows();
                        filesOfLatest++;
                    }
                }
            }
            if (!deltas.isEmpty()) {
                // Segments are the days that hold data (SPEC section 6.2).
                segments.add(new Segment(range.id(), range.startMicros(), range.endMicros(), null, deltas, List.of()));
            }
        }
        List<String> writeIds = LongStream.rangeClosed(1, parameters.versions()).mapToObj(this::writeId).toList();
        CommitInfo commit = new CommitInfo(committedAt().toEpochMilli(), CommitInfo.APPEND, writeId(parameters.versions()), writeIds,
                rowsOfLatest, filesOfLatest, 0, 0);
        return new Snapshot(parameters.versions(), DEFINITION, segments, commit);
    }

    /**
     * Writes {@code s<V>.json} (created only if absent, as a commit creates it) and {@code version.txt} into
     * {@code storage}, an empty table directory.
     *
     * @return the bytes of the snapshot file
     */
    public long write(TableStorage storage) {
        long version = parameters.versions();
        // Built and serialised in one expression, so that the snapshot can be collected while its JSON is encoded.
        byte[] json = SnapshotJson.write(snapshot()).getBytes(StandardCharsets.UTF_8);
        try {
            if (!storage.createIfAbsent(MetadataFiles.snapshotFile(version), json)) {
                throw new IllegalStateException(storage.location(MetadataFiles.snapshotFile(version)) + " exists already");
            }
            storage.writeAll(MetadataFiles.VERSION_HINT, Long.toString(version).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the synthetic table " + storage.tableLocation(), e);
        }
        return json.length;
    }

    /**
     * The rows of the benchmark's small append number {@code append} (0-based): a minute's batch of {@code rows}
     * readings of keys spread over the key space ({@code k0000000}, then every {@code KEYS / rows}-th), in the last
     * minute of the last day, a millisecond apart from one append to the next. Laid out as {@link #SCHEMA}, with values
     * in format-core's representation (event times in epoch microseconds).
     */
    public static List<Object[]> appendRows(int append, int rows) {
        if (rows < 1 || rows > KEYS) {
            throw new IllegalArgumentException("rows must be from 1 to " + KEYS + ", got " + rows);
        }
        long eventTime = Micros.of(asOfNow().minusSeconds(59).plusMillis(append));
        List<Object[]> batch = new ArrayList<>(rows);
        for (int row = 0; row < rows; row++) {
            batch.add(new Object[] {HistoryGenerator.key(row * (KEYS / rows)), eventTime, (double) (row % 10_000) / 100, (long) row + 1,
                    "note-" + (row % 100)});
        }
        return batch;
    }

    private long hash(Field field, long index) {
        return SplitMix.hash(streamBases[field.ordinal()], index, 0);
    }
}
