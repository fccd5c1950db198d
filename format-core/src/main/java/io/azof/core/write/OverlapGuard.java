package io.azof.core.write;

import io.azof.core.commit.CommitGuard;
import io.azof.core.coverage.CoverageFile;
import io.azof.core.coverage.DataFileRecords;
import io.azof.core.coverage.VersionCoverage;
import io.azof.core.exceptions.OverlapException;
import io.azof.core.io.TableStorage;
import io.azof.core.io.parquet.ParquetRowFileReader;
import io.azof.core.metadata.DataFileSchema;
import io.azof.core.metadata.FileRole;
import io.azof.core.metadata.NewDataFile;
import io.azof.core.metadata.SnapshotRoot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.slots.CoverageGranularity;
import io.azof.core.slots.OverlapPolicy;
import io.azof.core.slots.SlotSet;
import io.azof.core.time.Micros;
import io.azof.core.types.KeyOrdering;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An append's overlap policy {@code error} or {@code skip} (SPEC section 6.15), decided on every attempt of its commit
 * against the version the attempt commits on: the coverage files of the append's deltas are intersected with that
 * version's coverage of the same keys. Under {@code skip}, a delta with overlapping upserts is rewritten without them (a
 * delta left with no record is dropped); tombstones are never checked and never dropped.
 */
final class OverlapGuard implements CommitGuard {
    private final TableStorage storage;
    private final TableDefinition table;
    private final OverlapPolicy policy;
    private final CoverageGranularity granularity;
    private final Comparator<Object[]> keyOrder;
    /** Per written file, its last rewrite, reused while later attempts find the same overlap. */
    private final Map<String, Rewrite> lastRewrites = new LinkedHashMap<>();

    /** A written file without the upserts in {@code overlap}: the new file (null when nothing was left) and the rows dropped. */
    private record Rewrite(NavigableMap<Object[], SlotSet> overlap, NewDataFile file, long dropped) {
    }

    /** @param table the definition the append's files were written with, which records coverage */
    OverlapGuard(TableStorage storage, TableDefinition table, OverlapPolicy policy) {
        if (policy == OverlapPolicy.ALLOW || !table.coverage().recordsCoverage()) {
            throw new IllegalArgumentException("no overlap to decide");
        }
        this.storage = storage;
        this.table = table;
        this.policy = policy;
        this.granularity = table.coverage().granularity();
        this.keyOrder = KeyOrdering.of(table.keySchema());
    }

    @Override
    public Decision decide(SnapshotRoot latest, List<NewDataFile> files) {
        if (!granularity.equals(latest.table().coverage().granularity())) {
            // The commit refuses to re-base across a change of granularity before it gets here; this is the last line.
            throw new IllegalStateException("the table's coverage granularity changed under the append");
        }
        Map<String, NavigableMap<Object[], SlotSet>> added = new LinkedHashMap<>();
        NavigableSet<Object[]> keys = new TreeSet<>(keyOrder);
        long fromSlot = Long.MAX_VALUE;
        long toSlot = Long.MIN_VALUE;
        for (NewDataFile file : files) {
            if (file.coverage() == null) {
                continue;
            }
            NavigableMap<Object[], SlotSet> slots = new TreeMap<>(keyOrder);
            CoverageFile.read(storage, file.coverage(), table.keySchema(), granularity, true, slots::put);
            added.put(file.file(), slots);
            keys.addAll(slots.keySet());
            fromSlot = Math.min(fromSlot, granularity.slotOf(file.stats().minEventTimeMicros()));
            toSlot = Math.max(toSlot, granularity.slotOf(file.stats().maxEventTimeMicros()) + 1);
        }
        if (keys.isEmpty()) {
            return new Decision(files, 0);
        }
        NavigableMap<Object[], SlotSet> covered = VersionCoverage.read(storage, latest, keys, fromSlot, toSlot);
        Map<String, NavigableMap<Object[], SlotSet>> overlaps = new LinkedHashMap<>();
        for (Map.Entry<String, NavigableMap<Object[], SlotSet>> file : added.entrySet()) {
            NavigableMap<Object[], SlotSet> overlap = new TreeMap<>(keyOrder);
            for (Map.Entry<Object[], SlotSet> key : file.getValue().entrySet()) {
                SlotSet existing = covered.get(key.getKey());
                if (existing != null) {
                    SlotSet both = key.getValue().intersection(existing);
                    if (!both.isEmpty()) {
                        overlap.put(key.getKey(), both);
                    }
                }
            }
            if (!overlap.isEmpty()) {
                overlaps.put(file.getKey(), overlap);
            }
        }
        if (overlaps.isEmpty()) {
            return new Decision(files, 0);
        }
        if (policy == OverlapPolicy.ERROR) {
            throw overlapError(files, overlaps, latest.version());
        }
        List<NewDataFile> kept = new ArrayList<>();
        long dropped = 0;
        for (NewDataFile file : files) {
            NavigableMap<Object[], SlotSet> overlap = overlaps.get(file.file());
            if (overlap == null) {
                kept.add(file);
                continue;
            }
            Rewrite last = lastRewrites.get(file.file());
            Rewrite rewrite = last != null && last.overlap().equals(overlap) ? last : rewrite(file, overlap);
            lastRewrites.put(file.file(), rewrite);
            dropped += rewrite.dropped();
            if (rewrite.file() != null) {
                kept.add(rewrite.file());
            }
        }
        return new Decision(kept, dropped);
    }

    /** The error naming the first key (in key order) that overlaps, its first overlapping slot, and the append's rows there. */
    private OverlapException overlapError(List<NewDataFile> files, Map<String, NavigableMap<Object[], SlotSet>> overlaps, long version) {
        Object[] key = null;
        for (NavigableMap<Object[], SlotSet> overlap : overlaps.values()) {
            if (key == null || keyOrder.compare(overlap.firstKey(), key) < 0) {
                key = overlap.firstKey();
            }
        }
        long slot = Long.MAX_VALUE;
        for (NavigableMap<Object[], SlotSet> overlap : overlaps.values()) {
            SlotSet slots = overlap.get(key);
            if (slots != null) {
                slot = Math.min(slot, slots.first());
            }
        }
        long rows = 0;
        for (NewDataFile file : files) {
            if (overlaps.containsKey(file.file())) {
                rows += countUpserts(file, key, slot);
            }
        }
        return new OverlapException(storage.tableLocation(), table.describeKey(key), Micros.toInstant(granularity.startMicros(slot)),
                Micros.toInstant(granularity.startMicros(slot + 1)), rows, version);
    }

    private long countUpserts(NewDataFile file, Object[] key, long slot) {
        long[] count = {0};
        DataFileRecords.read(storage, file.file(), table, (recordKey, eventTime, deleted) -> {
            if (!deleted && keyOrder.compare(recordKey, key) == 0 && granularity.slotOf(eventTime) == slot) {
                count[0]++;
            }
        });
        return count[0];
    }

    /** The delta without its upserts in {@code overlap}'s slots: a new file (null when nothing is left) and the rows dropped. */
    private Rewrite rewrite(NewDataFile file, NavigableMap<Object[], SlotSet> overlap) {
        RecordLayout layout = new RecordLayout(table);
        long dropped = 0;
        try (ParquetRowFileReader rows = ParquetRowFileReader.open(storage, file.file(), DataFileSchema.of(table),
                DataFileSchema.of(table).fieldNames());
             CompactedFileWriter writer = new CompactedFileWriter(storage, table, file.segment(), file.stats().bucket(), Long.MAX_VALUE,
                     FileRole.DELTA)) {
            while (rows.hasNext()) {
                Object[] row = rows.next();
                SlotSet slots = layout.isDelete(row) ? null : overlap.get(layout.key(row));
                if (slots != null && slots.contains(granularity.slotOf(layout.eventTime(row)))) {
                    dropped++;
                } else {
                    writer.write(row);
                }
            }
            List<NewDataFile> written = writer.finish();
            return new Rewrite(overlap, written.isEmpty() ? null : written.get(0), dropped);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rewrite " + storage.location(file.file()) + " without its overlapping rows;"
                    + " nothing was committed", e);
        }
    }
}
