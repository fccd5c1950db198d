package io.azof.core.maintenance;

import io.azof.core.exceptions.AzofException;
import io.azof.core.io.CloseableIterator;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.metadata.TableSchema;
import io.azof.core.plan.PlannedFile;
import io.azof.core.plan.SegmentPlanner;
import io.azof.core.time.AsOf;
import io.azof.core.time.Micros;
import io.azof.core.types.StructField;
import io.azof.core.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Rewrites an azof 0.2.1 table (unsorted, unbucketed files read by a single first-seen merge) as version 1
 * of a new format version 2 table (sorted, bucketed runs read in parallel), keeping its whole event-time
 * history, so that every as-of read of the new table returns what the old one returns.
 *
 * <p>Reads every row the source's latest snapshot references and keeps one upsert per (key, event time), the
 * row {@link LegacyTieRule} picks, for {@link io.azof.core.UpgradeOperation} to write as the new table's first
 * commit. SPEC section 6.7 gives the rule, why answers stay the same, what is reported rather than refused (a
 * {@link Conflict}, rows before the first segment), the checks and the memory limit: the source's records
 * are held and sorted in memory.
 */
public final class LegacyTableUpgrade {

    /**
     * The records of an azof 0.2.1 snapshot, ready to be written.
     *
     * @param schema the new table's schema: {@code key}, {@code event_time}, then the payload columns
     * @param records one row {@code [key, eventTimeMicros, payload...]} per distinct (key, event time)
     * @param filesRead data files read (each file once, however often the snapshot references it)
     * @param rowsRead rows in those files
     * @param keys distinct keys
     * @param tiedRecords records whose (key, event time) appeared in more than one row
     * @param conflicts the tied records whose rows differ in their payload (see {@link Conflict})
     * @param firstSegmentStartMicros start of the source's first top-level segment, or null when it has none
     * @param recordsBeforeFirstSegment records whose event time precedes that start (see {@link Result})
     */
    public record LegacyRecords(StructType schema, List<Object[]> records, int filesRead, long rowsRead, long keys,
                                long tiedRecords, List<Conflict> conflicts, Long firstSegmentStartMicros,
                                long recordsBeforeFirstSegment) {
        public LegacyRecords {
            records = List.copyOf(records);
            conflicts = List.copyOf(conflicts);
        }

        /** Rows read that did not become a record: repeats of a (key, event time). */
        public long duplicateRows() {
            return rowsRead - records.size();
        }
    }

    /**
     * A (key, event time) for which the source holds rows with different payloads: the 0.2.1 table is
     * ambiguous there. Its own reads may then show one row as of that event time and another one at later
     * times (whichever row a later segment's base repeats); the new table keeps the row the rule picks
     * (the one a read as of that event time returns) at every time, so later reads of this key can differ
     * from the source's until the key's next record.
     *
     * @param files the files holding rows of this key and time, in snapshot order
     * @param keptFile the file whose (first) row became the record
     */
    public record Conflict(String key, long eventTimeMicros, List<String> files, String keptFile) {
        public Conflict {
            files = List.copyOf(files);
        }

        @Override
        public String toString() {
            return "key '" + key + "' at " + Micros.toInstant(eventTimeMicros) + " has different rows in " + files
                    + "; kept the row from " + keptFile;
        }
    }

    /**
     * What an upgrade did.
     *
     * <p>Two things no rewrite into records can keep, reported so callers can warn:
     * {@code conflicts} (see {@link Conflict}), and {@code recordsBeforeFirstSegment}: rows a base holds with an
     * event time before the source's first top-level segment starts. azof 0.2.1 reads nothing before that
     * start, while the new table shows such a record from its own event time on; from the start on both agree.
     *
     * @param sourceVersion the snapshot of the source that was upgraded (its latest)
     * @param version the version of the new table that holds the records (1)
     * @param filesWritten data files the new version references
     * @param firstSegmentStartMicros start of the source's first top-level segment, or null
     */
    public record Result(String source, long sourceVersion, int filesRead, long rowsRead, String target, long version,
                         long records, long keys, long filesWritten, long duplicateRows, List<Conflict> conflicts,
                         Long firstSegmentStartMicros, long recordsBeforeFirstSegment) {
        public Result {
            conflicts = List.copyOf(conflicts);
        }
    }

    private LegacyTableUpgrade() {
    }

    /**
     * The records of a 0.2.1 snapshot (steps 1 and 2 of the rule), reading each data file once through
     * {@code openFile}, which yields rows {@code [key, eventTimeMicros, payload...]} in file order. No other
     * I/O.
     *
     * @throws AzofException naming the file when a row has a null key or event time
     */
    public static LegacyRecords records(Snapshot snapshot, Function<String, CloseableIterator<Object[]>> openFile) {
        if (!snapshot.isLegacy()) {
            throw new IllegalArgumentException("snapshot " + snapshot.version() + " is not an azof 0.2.1 snapshot");
        }
        List<String> files = SegmentPlanner.everyFile(snapshot);
        Map<KeyTime, Holder> byKeyTime = new HashMap<>();
        long rowsRead = 0;
        for (String file : files) {
            try (CloseableIterator<Object[]> rows = openFile.apply(file)) {
                while (rows.hasNext()) {
                    Object[] row = rows.next();
                    rowsRead++;
                    if (row[0] == null || row[1] == null) {
                        throw new AzofException("Data file " + file + " holds a row with a null "
                                + (row[0] == null ? TableSchema.KEY_COLUMN : TableSchema.EVENT_TIME_COLUMN)
                                + "; azof cannot upgrade a table whose rows lack a key or an event time");
                    }
                    KeyTime keyTime = new KeyTime((String) row[0], (Long) row[1]);
                    Holder holder = byKeyTime.get(keyTime);
                    if (holder == null) {
                        byKeyTime.put(keyTime, new Holder(file, row));
                    } else {
                        holder.add(file, row);
                    }
                }
            }
        }

        Map<Long, List<String>> plans = new HashMap<>();
        List<Object[]> records = new ArrayList<>(byKeyTime.size());
        List<Conflict> conflicts = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        Long firstStart = snapshot.segments().isEmpty() ? null : snapshot.segments().get(0).startMicros();
        long beforeFirstSegment = 0;
        long tied = 0;
        for (Map.Entry<KeyTime, Holder> entry : byKeyTime.entrySet()) {
            KeyTime keyTime = entry.getKey();
            Holder holder = entry.getValue();
            keys.add(keyTime.key());
            if (firstStart != null && keyTime.eventTimeMicros() < firstStart) {
                beforeFirstSegment++;
            }
            if (holder.filesHolding == null) {
                records.add(holder.row);
                continue;
            }
            tied++;
            String winner = holder.file;
            if (holder.otherFiles != null) {
                List<String> plan = plans.computeIfAbsent(keyTime.eventTimeMicros(), t -> SegmentPlanner.plan(snapshot, AsOf.eventTime(t))
                        .stream().map(PlannedFile::file).toList());
                winner = LegacyTieRule.winner(plan, holder.files());
            }
            records.add(holder.rowOf(winner));
            if (holder.conflicting) {
                conflicts.add(new Conflict(keyTime.key(), keyTime.eventTimeMicros(), List.copyOf(holder.filesHolding), winner));
            }
        }
        conflicts.sort(Comparator.comparing(Conflict::key).thenComparingLong(Conflict::eventTimeMicros));
        return new LegacyRecords(upgradedSchema(snapshot.table()), records, files.size(), rowsRead, keys.size(), tied, conflicts,
                firstStart, beforeFirstSegment);
    }

    /**
     * The new table's schema for an azof 0.2.1 table: {@code key} (string) and {@code event_time} (timestamp),
     * not null, then the payload columns with their types, all nullable (as readers expose them).
     */
    public static StructType upgradedSchema(TableDefinition legacyTable) {
        List<StructField> fields = new ArrayList<>();
        for (StructField field : legacyTable.schema().fields()) {
            boolean payload = !legacyTable.keyColumns().contains(field.name()) && !field.name().equals(legacyTable.eventTimeColumn());
            fields.add(payload ? new StructField(field.name(), field.type(), true) : field);
        }
        return new StructType(fields);
    }

    private record KeyTime(String key, long eventTimeMicros) {
    }

    /**
     * The rows one (key, event time) has: the first one read, and the first row of each other file holding one
     * (the row a first-seen read takes from that file). Which files hold it and whether the rows differ are
     * tracked only once a second row arrives.
     */
    private static final class Holder {
        private final String file;
        private final Object[] row;
        private List<String> otherFiles;
        private List<Object[]> others;
        private Set<String> filesHolding;
        private boolean conflicting;

        Holder(String file, Object[] row) {
            this.file = file;
            this.row = row;
        }

        void add(String otherFile, Object[] otherRow) {
            if (filesHolding == null) {
                filesHolding = new LinkedHashSet<>();
                filesHolding.add(file);
            }
            conflicting |= !Arrays.equals(row, otherRow);
            if (!filesHolding.add(otherFile)) {
                return;
            }
            if (otherFiles == null) {
                otherFiles = new ArrayList<>(2);
                others = new ArrayList<>(2);
            }
            otherFiles.add(otherFile);
            others.add(otherRow);
        }

        /** Candidate files in the order they were read (snapshot order). */
        List<String> files() {
            List<String> files = new ArrayList<>(1 + otherFiles.size());
            files.add(file);
            files.addAll(otherFiles);
            return files;
        }

        Object[] rowOf(String winner) {
            return winner.equals(file) ? row : others.get(otherFiles.indexOf(winner));
        }
    }
}
