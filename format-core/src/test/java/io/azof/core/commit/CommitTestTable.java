package io.azof.core.commit;

import static io.azof.core.testing.TestTimes.micros;
import static org.assertj.core.api.Assertions.assertThat;

import io.azof.core.Table;
import io.azof.core.io.CloseableIterator;
import io.azof.core.io.TableStorage;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.scan.ScanMetrics;
import io.azof.core.scan.ScanTask;
import io.azof.core.time.AsOf;
import io.azof.core.types.PrimitiveType;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import io.azof.core.testing.TestTables;
import io.azof.core.write.WriteOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The table the commit tests write: every row names the write it came from in its {@code origin}
 * column, so a read at the current version shows which writes are visible and whether each is whole.
 */
final class CommitTestTable {
    static final StructType SCHEMA = StructType.of(
            new StructField("key", PrimitiveType.STRING, false),
            new StructField("event_time", PrimitiveType.TIMESTAMP, false),
            new StructField("origin", PrimitiveType.STRING, true));
    static final WriteOptions APPEND = WriteOptions.append().withKeyColumns("key").withEventTimeColumn("event_time")
            .withAutoCompaction(TestTables.NO_AUTO_COMPACTION);
    static final WriteOptions OVERWRITE = APPEND.withMode(WriteOptions.Mode.OVERWRITE);

    private static final long START_MICROS = micros("2024-03-01T00:00:00Z");
    private static final Pattern SNAPSHOT_FILE = Pattern.compile("s(\\d+)\\.json");

    private CommitTestTable() {
    }

    /**
     * The rows of one write: keys {@code <keyPrefix>-0 .. -(count-1)}, all within one month so a write
     * makes few files, each row's origin the write's id.
     */
    static List<Object[]> rows(String keyPrefix, String origin, int count) {
        List<Object[]> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(new Object[] {keyPrefix + "-" + i, START_MICROS + i * 60_000_000L, origin});
        }
        return rows;
    }

    /** key -> origin of every row visible at the latest version, failing on a key read twice. */
    static Map<String, String> readCurrent(TableStorage storage) {
        Snapshot snapshot = Table.forStorage(storage).latestSnapshot();
        ScanTask task = Table.forStorage(storage).newScan().useSnapshot(snapshot).asOf(AsOf.current()).select(List.of("origin")).planSingleTask();
        Map<String, String> result = new TreeMap<>();
        try (CloseableIterator<Object[]> rows = task.open(storage, new ScanMetrics())) {
            rows.forEachRemaining(row -> assertThat(result.put((String) row[0], (String) row[2]))
                    .as("key %s read twice", row[0]).isNull());
        }
        return result;
    }

    /**
     * Rows stored in the snapshot's files. A write committed twice would hide behind the merge (its
     * rows shadow each other), but not from this count.
     */
    static long rowsInFiles(Snapshot snapshot) {
        return rowsIn(snapshot.segments());
    }

    private static long rowsIn(List<Segment> segments) {
        long rows = 0;
        for (Segment segment : segments) {
            rows += segment.deltas().stream().mapToLong(d -> d.stats().rows()).sum() + rowsIn(segment.children());
        }
        return rows;
    }

    /** The versions whose snapshot file is in the table directory. */
    static SortedSet<Long> snapshotFilesOnDisk(Path table) {
        SortedSet<Long> versions = new TreeSet<>();
        try (Stream<Path> files = Files.list(table)) {
            files.forEach(file -> {
                Matcher m = SNAPSHOT_FILE.matcher(file.getFileName().toString());
                if (m.matches()) {
                    versions.add(Long.parseLong(m.group(1)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions;
    }

    /** Snapshots 1..latest, read through the table API; index i holds version i + 1. */
    static List<Snapshot> allSnapshots(TableStorage storage) {
        long latest = Table.forStorage(storage).latestSnapshot().version();
        List<Snapshot> snapshots = new ArrayList<>();
        for (long v = 1; v <= latest; v++) {
            snapshots.add(Table.forStorage(storage).snapshot(v));
        }
        return snapshots;
    }
}
