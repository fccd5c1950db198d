package io.azof.core.maintenance;

import static io.azof.core.maintenance.ValidationProblem.error;
import static io.azof.core.maintenance.ValidationProblem.warning;

import io.azof.core.log.MetadataFiles;
import io.azof.core.maintenance.ValidationProblem.Kind;
import io.azof.core.metadata.CommitInfo;
import io.azof.core.metadata.SchemaChanges;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.TableDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;

/**
 * Checks of the sequence of snapshots and of {@code version.txt}: pure, given what reading each snapshot
 * file gave and what the hint holds.
 */
final class SnapshotHistoryChecks {
    private SnapshotHistoryChecks() {
    }

    /**
     * What reading one snapshot file gave: a snapshot, an expired stub, or an error.
     *
     * @param error why the file cannot be read, naming the field or the parse error; null otherwise
     */
    record VersionState(long version, Snapshot snapshot, boolean expired, String error) {
        static VersionState read(Snapshot snapshot) {
            return new VersionState(snapshot.version(), snapshot, false, null);
        }

        static VersionState expired(long version) {
            return new VersionState(version, null, true, null);
        }

        static VersionState unreadable(long version, String error) {
            return new VersionState(version, null, false, error);
        }
    }

    /**
     * What {@code version.txt} holds.
     *
     * @param text its content; null when it is absent or cannot be read
     * @param readError why it cannot be read; null otherwise
     */
    record Hint(boolean present, String text, String readError) {
    }

    /** Versions are numbered without gaps between the earliest and the latest snapshot file. */
    static List<ValidationProblem> gaps(NavigableSet<Long> listed) {
        List<ValidationProblem> problems = new ArrayList<>();
        Long previous = null;
        for (long version : listed) {
            if (previous != null && version > previous + 1) {
                long first = previous + 1;
                long last = version - 1;
                String missing = first == last ? "version " + first + " has" : "versions " + first + " to " + last + " have";
                problems.add(error(Kind.VERSION_GAP, MetadataFiles.snapshotFile(first), missing + " no snapshot file, but versions "
                        + previous + " and " + version + " do; versions are numbered without gaps, and a reader probing upwards from "
                        + previous + " stops at the gap"));
            }
            previous = version;
        }
        return problems;
    }

    /**
     * Per version, in ascending order: unreadable snapshots, expired versions after retained ones, commit times
     * that do not increase, and table definitions changed by an append.
     */
    static List<ValidationProblem> versions(List<VersionState> ascending) {
        List<ValidationProblem> problems = new ArrayList<>();
        VersionState firstRetained = null;
        Snapshot previous = null;
        for (VersionState state : ascending) {
            String file = MetadataFiles.snapshotFile(state.version());
            if (state.expired()) {
                if (firstRetained != null) {
                    problems.add(error(Kind.EXPIRED_NOT_PREFIX, file, "version " + state.version() + " is expired, but the earlier version "
                            + firstRetained.version() + " is retained; expiry removes the oldest versions first, so the expired"
                            + " versions must be 1 to some version"));
                }
                continue;
            }
            if (firstRetained == null) {
                firstRetained = state;
            }
            if (state.error() != null) {
                problems.add(error(Kind.SNAPSHOT_UNREADABLE, file, state.error()));
                continue;
            }
            Snapshot snapshot = state.snapshot();
            if (previous != null) {
                problems.addAll(successor(previous, snapshot));
            }
            previous = snapshot;
        }
        return problems;
    }

    private static List<ValidationProblem> successor(Snapshot previous, Snapshot next) {
        List<ValidationProblem> problems = new ArrayList<>();
        String file = MetadataFiles.snapshotFile(next.version());
        CommitInfo before = previous.commit();
        CommitInfo after = next.commit();
        if (before != null && after != null && after.committedAtMillis() <= before.committedAtMillis()) {
            problems.add(error(Kind.COMMIT_TIME_ORDER, file + " committed_at", "committed_at " + Instant.ofEpochMilli(after.committedAtMillis())
                    + " is not after " + Instant.ofEpochMilli(before.committedAtMillis()) + " of version " + previous.version()
                    + "; commit times strictly increase with the version, and systemTimeAsOf relies on it"));
        }
        String operation = after == null ? null : after.operation();
        boolean mayRedefine = CommitInfo.OVERWRITE.equals(operation) || CommitInfo.CREATE.equals(operation);
        // An alter, or an append with mergeSchema, evolves the schema in the ways that keep every file readable.
        boolean mayEvolve = CommitInfo.ALTER.equals(operation) || CommitInfo.APPEND.equals(operation);
        // An alter may also change the properties that can change (autoCompact, autoCompact.maxRuns, coverageGranularity and
        // overlapPolicy; sections 6.8, 6.14).
        TableDefinition comparable = CommitInfo.ALTER.equals(operation) && !next.table().isLegacy()
                ? previous.table().withSettingsOf(next.table()) : previous.table();
        boolean evolved = mayEvolve && SchemaChanges.isEvolution(comparable, next.table());
        if (!comparable.equals(next.table()) && !mayRedefine && !evolved) {
            problems.add(warning(Kind.TABLE_DEFINITION_CHANGED, file + " table", "the table definition differs from version "
                    + previous.version() + "'s (" + differences(comparable, next.table()) + ") in "
                    + (after == null ? "an azof 0.2.1 snapshot" : "an '" + after.operation() + "' commit")
                    + "; only a create or an overwrite changes it freely, an alter or an append only adds nullable columns,"
                    + " widens column types or drops a not-null declaration, and only an alter changes autoCompact, coverageGranularity or overlapPolicy"));
        }
        return problems;
    }

    /** What differs between two definitions, e.g. "buckets 4 became 8". */
    private static String differences(TableDefinition before, TableDefinition after) {
        List<String> changes = new ArrayList<>();
        change(changes, "key columns", before.keyColumns(), after.keyColumns());
        change(changes, "event-time column", before.eventTimeColumn(), after.eventTimeColumn());
        if (!before.schema().equals(after.schema())) {
            changes.add("schema: " + String.join(", ", SchemaChanges.differences(before.schema(), after.schema())));
        }
        change(changes, "segment granularity", before.granularity(), after.granularity());
        change(changes, "buckets", before.buckets(), after.buckets());
        change(changes, "properties", before.autoCompaction(), after.autoCompaction());
        return String.join("; ", changes);
    }

    private static void change(List<String> changes, String what, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(what + " " + before + " became " + after);
        }
    }

    /**
     * A hint that is missing, unreadable or behind only makes readers probe (SPEC section 6.5), so those are
     * warnings; a hint naming a version that has no snapshot file is an error.
     */
    static List<ValidationProblem> hint(Hint hint, NavigableSet<Long> listed) {
        String where = MetadataFiles.VERSION_HINT;
        long latest = listed.last();
        if (!hint.present()) {
            return List.of(warning(Kind.VERSION_HINT, where, "is missing; readers list the snapshot files instead (latest version "
                    + latest + ")"));
        }
        if (hint.readError() != null) {
            return List.of(warning(Kind.VERSION_HINT, where, "cannot be read (" + hint.readError() + "); readers list the snapshot"
                    + " files instead (latest version " + latest + ")"));
        }
        long version;
        try {
            version = Long.parseLong(hint.text().strip());
        } catch (NumberFormatException e) {
            return List.of(warning(Kind.VERSION_HINT, where, "holds '" + hint.text() + "', not a version number; readers list the"
                    + " snapshot files instead (latest version " + latest + ")"));
        }
        if (!listed.contains(version)) {
            return List.of(error(Kind.VERSION_HINT, where, "names version " + version + ", which has no snapshot file; the snapshot"
                    + " files hold versions " + listed.first() + " to " + latest));
        }
        if (version < latest) {
            return List.of(warning(Kind.VERSION_HINT, where, "names version " + version + " but the latest is " + latest
                    + "; readers probe past it"));
        }
        return List.of();
    }
}
