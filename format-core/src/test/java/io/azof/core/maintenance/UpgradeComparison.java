package io.azof.core.maintenance;

import io.azof.core.io.CloseableIterator;
import io.azof.core.io.HadoopTableStorage;
import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.ParquetRowFileReader;
import io.azof.core.metadata.DeltaFile;
import io.azof.core.metadata.Segment;
import io.azof.core.metadata.Snapshot;
import io.azof.core.scan.ScanTask;
import io.azof.core.scan.ScanTaskReader;
import io.azof.core.table.AzofTable;
import io.azof.core.time.AsOf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads an azof 0.2.1 table and its upgrade through the core's read path ({@link ScanTask#plan} +
 * {@link ScanTaskReader#read}) at many as-of times and reports every time their answers differ.
 */
final class UpgradeComparison {
    static final long MS = 1_000L;
    static final long DAY = 86_400_000_000L;
    static final int SHOWN = 5;

    private UpgradeComparison() {
    }

    static TableStorage storage(Path dir) {
        try {
            return new HadoopTableStorage(dir.toUri().toString(), new Configuration());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every distinct event time in the snapshot's files and every segment and delta bound, each also 1 ms
     * before and after; a day before all of them; and current.
     */
    static List<AsOf> probes(TableStorage storage, Snapshot snapshot) {
        TreeSet<Long> instants = new TreeSet<>();
        List<String> columns = snapshot.table().schema().fieldNames().subList(0, 2);
        for (String file : LegacyTableUpgrade.filesInSnapshotOrder(snapshot)) {
            try (ParquetRowFileReader rows = ParquetRowFileReader.open(storage, file, snapshot.table().schema(), columns)) {
                rows.forEachRemaining(row -> instants.add((Long) row[1]));
            }
        }
        addBounds(snapshot.segments(), instants);
        List<AsOf> probes = new ArrayList<>();
        probes.add(AsOf.current());
        if (!instants.isEmpty()) {
            probes.add(AsOf.eventTime(instants.first() - DAY));
        }
        for (long instant : instants) {
            probes.add(AsOf.eventTime(instant - MS));
            probes.add(AsOf.eventTime(instant));
            probes.add(AsOf.eventTime(instant + MS));
        }
        return probes.stream().distinct().toList();
    }

    private static void addBounds(List<Segment> segments, TreeSet<Long> instants) {
        for (Segment segment : segments) {
            instants.add(segment.startMicros());
            if (segment.endMicros() != null) {
                instants.add(segment.endMicros());
            }
            for (DeltaFile delta : segment.deltas()) {
                instants.add(delta.startMicros());
                instants.add(delta.endMicros());
            }
            addBounds(segment.children(), instants);
        }
    }

    /** The table's rows as of {@code asOf}, all payload columns, as value lists sorted by key then event time. */
    static List<List<Object>> read(TableStorage storage, Snapshot snapshot, AsOf asOf) {
        List<Object[]> rows = new ArrayList<>();
        ScanTask task = ScanTask.plan(snapshot, asOf, snapshot.table().payloadColumns());
        try (CloseableIterator<Object[]> it = ScanTaskReader.read(storage, task)) {
            it.forEachRemaining(rows::add);
        }
        return sorted(rows);
    }

    static List<List<Object>> sorted(Collection<Object[]> rows) {
        return rows.stream()
                .map(row -> Arrays.asList(row.clone()))
                .sorted(Comparator.comparing((List<Object> r) -> (String) r.get(0)).thenComparing(r -> (Long) r.get(1)))
                .toList();
    }

    /** What one comparison found. */
    record Outcome(int probes, long rowsCompared, List<String> mismatches) {
    }

    /** Reads both tables at every probe (in parallel: the reads are independent) and lists the differences. */
    static Outcome compare(TableStorage legacy, TableStorage upgraded, List<AsOf> probes) {
        Snapshot legacySnapshot = AzofTable.open(legacy).snapshot();
        Snapshot upgradedSnapshot = AzofTable.open(upgraded).snapshot();
        List<String> mismatches = java.util.Collections.synchronizedList(new ArrayList<>());
        long rows = probes.parallelStream().mapToLong(asOf -> {
            List<List<Object>> expected = read(legacy, legacySnapshot, asOf);
            List<List<Object>> actual = read(upgraded, upgradedSnapshot, asOf);
            if (!expected.equals(actual)) {
                mismatches.add(describe(asOf, expected, actual));
            }
            return expected.size();
        }).sum();
        return new Outcome(probes.size(), rows, List.copyOf(mismatches));
    }

    static String describe(AsOf asOf, List<List<Object>> expected, List<List<Object>> actual) {
        List<List<Object>> missing = new ArrayList<>(expected);
        missing.removeAll(actual);
        List<List<Object>> extra = new ArrayList<>(actual);
        extra.removeAll(expected);
        return "as of " + (asOf.isCurrent() ? "current" : asOf + " (" + asOf.micros() + " µs)") + ": 0.2.1 returns "
                + expected.size() + " rows, the upgrade " + actual.size() + "; only in 0.2.1: " + head(missing)
                + "; only in the upgrade: " + head(extra);
    }

    private static String head(List<List<Object>> rows) {
        return rows.size() <= SHOWN ? rows.toString() : rows.subList(0, SHOWN) + " and " + (rows.size() - SHOWN) + " more";
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
