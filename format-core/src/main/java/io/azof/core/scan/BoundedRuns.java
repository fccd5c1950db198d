package io.azof.core.scan;

import io.azof.core.io.CloseableIterator;
import io.azof.core.io.HadoopStorage;
import io.azof.core.io.InProcessPermissionsFileSystem;
import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.ParquetRowFileReader;
import io.azof.core.io.parquet.ParquetRowFileWriter;
import io.azof.core.merge.EveryRecordMerger;
import io.azof.core.merge.RowRunCursor;
import io.azof.core.merge.SortedRunMerger;
import io.azof.core.metadata.DataFileSchema;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.plan.PlannedFile;
import io.azof.core.time.AsOf;
import io.azof.core.types.KeyOrdering;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * The runs one merge reads, never more than {@code maxOpenFiles} open at once (SPEC section 6.4). A merge of more
 * files than that first merges the smallest ones, at most {@code maxOpenFiles} at a time, into runs on local disk ("spills"),
 * until few enough runs are left; then the merge proper opens those. Each pass is the same streaming k-way merge with
 * one position per run, so memory stays bounded whatever the number of files.
 *
 * <p>A pass keeps what the final merge needs from its runs: for a read or a base as of T, each key's winner at T
 * among them, deletes included (the winner over all runs is the winner over the runs' winners, and a delete that wins
 * must still hide older records of other runs); for run merging, every record. A spill holds the run columns of
 * {@link ScanTaskReader#runColumns} with every version filled in.
 *
 * <p>Close it to delete its spills.
 */
public final class BoundedRuns implements Closeable {
    /** The core's own default; engines set theirs from their connection pools. */
    public static final int DEFAULT_MAX_OPEN_FILES = 16;

    /** What a merge keeps of its records, and so what a pre-merge pass may drop. */
    public enum Keep {
        /** Each key's winner at T, deletes included: reads and bases. */
        WINNERS,
        /** Every record: run merging. */
        EVERY_RECORD
    }

    /**
     * One run the merge opens: a file of the table, or a spill on local disk.
     *
     * @param tableFile the table's file, or null for a spill
     * @param spill the spill's local path, or null for a table file
     * @param runVersion the version that null version cells stand for (a spill has none)
     */
    public record Source(PlannedFile tableFile, Path spill, long bytes, long runVersion) {
        /** Where an engine's own reader finds the run. */
        public String location(TableStorage storage) {
            return tableFile != null ? storage.location(tableFile.file()) : spill.toUri().toString();
        }

        public boolean isBase() {
            return tableFile != null && tableFile.role() == FileRole.BASE;
        }
    }

    private final List<Source> sources;
    private final Path spillDirectory;

    private BoundedRuns(List<Source> sources, Path spillDirectory) {
        this.sources = List.copyOf(sources);
        this.spillDirectory = spillDirectory;
    }

    /**
     * Decides what to open for a merge of {@code files}, pre-merging into spills under {@code spillRoot} (a new
     * directory there, deleted by {@link #close()}) while there are more than {@code maxOpenFiles}.
     *
     * @param payload the payload columns the merge reads; a spill holds these only
     */
    public static BoundedRuns prepare(TableStorage storage, List<PlannedFile> files, TableDefinition table, List<String> payload, AsOf asOf,
                                      Keep keep, int maxOpenFiles, Path spillRoot, ScanMetrics metrics) {
        if (maxOpenFiles < 2) {
            throw new IllegalArgumentException("a merge needs at least 2 open files, not " + maxOpenFiles);
        }
        List<Source> sources = new ArrayList<>();
        for (PlannedFile file : files) {
            sources.add(new Source(file, null, file.stats().bytes(), file.stats().addedVersion()));
        }
        if (sources.size() <= maxOpenFiles) {
            return new BoundedRuns(sources, null);
        }
        Path directory;
        try {
            Files.createDirectories(spillRoot);
            directory = Files.createTempDirectory(spillRoot, "azof-spill-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a spill directory under " + spillRoot + " for a merge of " + files.size()
                    + " files", e);
        }
        BoundedRuns runs = new BoundedRuns(sources, directory);
        try {
            return runs.preMerge(storage, table, payload, asOf, keep, maxOpenFiles, metrics);
        } catch (RuntimeException e) {
            runs.close();
            throw e;
        }
    }

    /** The core's spill directory: under {@code java.io.tmpdir}. */
    public static Path defaultSpillRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private BoundedRuns preMerge(TableStorage storage, TableDefinition table, List<String> payload, AsOf asOf, Keep keep, int maxOpenFiles,
                                 ScanMetrics metrics) {
        TableStorage spills = spillStorage();
        List<Source> pending = new ArrayList<>(sources);
        int spilled = 0;
        while (pending.size() > maxOpenFiles) {
            // The smallest first, as in an optimal merge pattern: big runs are copied the fewest times. And no more of them
            // than it takes (pending - maxOpenFiles + 1 when one pass suffices): what a pass spills is copied once more.
            pending.sort(Comparator.comparingLong(Source::bytes));
            int groupSize = Math.min(maxOpenFiles, pending.size() - maxOpenFiles + 1);
            List<Source> group = new ArrayList<>(pending.subList(0, groupSize));
            pending.subList(0, groupSize).clear();
            String name = "spill-" + (spilled++) + ".parquet";
            long rows = spill(storage, spills, name, group, table, payload, asOf, keep, metrics);
            Path path = spillDirectory.resolve(name);
            pending.add(new Source(null, path, sizeOf(path), 0));
            metrics.runsPreMerged(group.size());
            deleteSpills(group);
            if (rows == 0) {
                // Nothing at or before T in these runs: the empty spill need not be read.
                pending.remove(pending.size() - 1);
            }
        }
        return new BoundedRuns(pending, spillDirectory);
    }

    /** Merges {@code group} into the spill {@code name}; returns the records written. */
    private long spill(TableStorage storage, TableStorage spills, String name, List<Source> group, TableDefinition table, List<String> payload,
                       AsOf asOf, Keep keep, ScanMetrics metrics) {
        List<RowRunCursor> cursors = open(storage, group, table, payload, asOf, metrics);
        StructType schema = spillSchema(table, payload);
        int[] identity = IntStream.range(0, schema.size()).toArray();
        long rows = 0;
        try (ParquetRowFileWriter writer = ParquetRowFileWriter.create(spills.outputFile(name), schema,
                ParquetRowFileWriter.Options.defaults())) {
            if (keep == Keep.WINNERS) {
                SortedRunMerger<RowRunCursor> merger = new SortedRunMerger<>(cursors, true);
                for (RowRunCursor winner = merger.next(); winner != null; winner = merger.next()) {
                    rows += write(writer, winner, schema.size(), identity);
                }
            } else {
                EveryRecordMerger<RowRunCursor> merger = new EveryRecordMerger<>(cursors);
                for (RowRunCursor next = merger.next(); next != null; next = merger.next()) {
                    rows += write(writer, next, schema.size(), identity);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the spill " + spills.location(name) + " of a merge of " + group.size() + " runs", e);
        } finally {
            cursors.forEach(RowRunCursor::close);
        }
        return rows;
    }

    private static long write(ParquetRowFileWriter writer, RowRunCursor cursor, int width, int[] identity) throws IOException {
        Object[] row = new Object[width];
        cursor.placePreviousRow(row, identity);
        writer.write(row);
        return 1;
    }

    /**
     * Opens every source as a row cursor of {@link ScanTaskReader#runColumns}, each skipping records after {@code asOf}: the
     * core's row reader. Counts each table file opened into {@code metrics}.
     */
    public List<RowRunCursor> openRows(TableStorage storage, TableDefinition table, List<String> payload, AsOf asOf, ScanMetrics metrics) {
        return open(storage, sources, table, payload, asOf, metrics);
    }

    private List<RowRunCursor> open(TableStorage storage, List<Source> group, TableDefinition table, List<String> payload, AsOf asOf,
                                    ScanMetrics metrics) {
        List<String> columns = ScanTaskReader.runColumns(table, payload);
        StructType fileSchema = DataFileSchema.of(table);
        Set<String> absentAsNull = DataFileSchema.readAsNullWhenAbsent(table);
        Comparator<Object[]> keyOrder = KeyOrdering.of(table.keySchema()).onRowPrefix();
        TableStorage spills = spillDirectory == null ? null : spillStorage();
        List<RowRunCursor> cursors = new ArrayList<>();
        try {
            for (Source source : group) {
                CloseableIterator<Object[]> rows;
                if (source.tableFile() != null) {
                    metrics.fileOpened(source.isBase());
                    rows = ParquetRowFileReader.open(storage, source.tableFile().file(), fileSchema, columns, absentAsNull);
                } else {
                    rows = ParquetRowFileReader.open(spills, source.spill().getFileName().toString(), spillSchema(table, payload), columns,
                            Set.of());
                }
                cursors.add(new RowRunCursor(ScanTaskReader.counting(rows, metrics), source.runVersion(), table.keyColumns().size(),
                        keyOrder, asOf));
            }
        } catch (RuntimeException e) {
            cursors.forEach(RowRunCursor::close);
            throw e;
        }
        return cursors;
    }

    /** The runs to open: at most the {@code maxOpenFiles} given to {@link #prepare}. */
    public List<Source> sources() {
        return sources;
    }

    /** The columns of a spill: the run columns, typed as in data files (key and event time required). */
    static StructType spillSchema(TableDefinition table, List<String> payload) {
        StructType fileSchema = DataFileSchema.of(table);
        List<StructField> fields = new ArrayList<>();
        for (String column : ScanTaskReader.runColumns(table, payload)) {
            fields.add(fileSchema.field(column).orElseThrow());
        }
        return new StructType(fields);
    }

    /** Raw local files: a spill needs no checksum file beside it. */
    private TableStorage spillStorage() {
        Configuration conf = new Configuration(false);
        conf.setClass("fs.file.impl", InProcessPermissionsFileSystem.class, FileSystem.class);
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return new HadoopStorage(conf).table(spillDirectory.toUri().toString());
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the size of spill " + path, e);
        }
    }

    /** Spills merged into a newer one are not read again: deleted as soon as they are. */
    private static void deleteSpills(List<Source> group) {
        for (Source source : group) {
            if (source.spill() != null) {
                try {
                    Files.deleteIfExists(source.spill());
                } catch (IOException ignored) {
                    // Deleted with the whole directory on close.
                }
            }
        }
    }

    @Override
    public void close() {
        if (spillDirectory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(spillDirectory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // A spill left behind is a temporary file on local disk; the read's own outcome is what matters.
        }
    }
}
