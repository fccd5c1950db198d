package io.azof.core.commit;

import io.azof.core.metadata.NewDataFile;
import io.azof.core.metadata.TableDefinition;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A change whose data files exist and that now asks to become the table's next version.
 *
 * @param table the definition the new version has: for an append with {@code mergeSchema} or an
 *     {@link Operation#ALTER}, the evolved one
 * @param files new delta files; for {@link Operation#COMPACT}, new base files covering {@code readVersion}; none for
 *     {@link Operation#ALTER}
 * @param readVersion the version the change was validated against (for a compaction, the version its bases
 *     summarise); 0 when it creates the table
 * @param writeId the caller's id for the write, or null; a table that committed it already skips the write
 * @param removedBases base files the commit drops from the table (compaction replaces them by newer ones)
 * @param removedDeltas delta files the commit drops from the table (run merging replaces them by merged runs)
 * @param readTable the definition of {@code readVersion}, which the change was validated against; null when it
 *     creates the table. An append or alter re-bases onto versions committed meanwhile only while the latest
 *     definition is still this one.
 * @param newTableOnly the commit must create the table (version 1): if any version exists when it commits, it fails
 *     with {@link io.azof.core.exceptions.TableAlreadyExistsException} instead of re-basing onto it
 * @param guard decides on every attempt, against the version the commit is made on, which of {@code files} it commits
 *     (an append's overlap policy); null to commit them all
 */
public record PendingCommit(Operation operation, TableDefinition table, List<NewDataFile> files, long readVersion, String writeId,
                            List<String> removedBases, List<String> removedDeltas, TableDefinition readTable, boolean newTableOnly,
                            CommitGuard guard) {
    public enum Operation {
        APPEND, OVERWRITE, COMPACT, ALTER, UPGRADE,
        /** A change of the coverage granularity, which names every delta's coverage file anew; recorded as an alter. */
        COVERAGE;

        /** As messages and commit records name it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PendingCommit {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(table, "table");
        files = List.copyOf(files);
        removedBases = List.copyOf(removedBases);
        removedDeltas = List.copyOf(removedDeltas);
        if (!removedDeltas.isEmpty() && operation != Operation.COMPACT && operation != Operation.COVERAGE) {
            throw new IllegalArgumentException("only a compaction or a change of coverage replaces deltas");
        }
        if ((operation == Operation.ALTER || operation == Operation.UPGRADE) && !files.isEmpty()) {
            throw new IllegalArgumentException("a schema change adds no data files");
        }
        if (newTableOnly && readVersion != 0) {
            throw new IllegalArgumentException("a commit that must create the table was validated against version " + readVersion);
        }
        if (guard != null && operation != Operation.APPEND) {
            throw new IllegalArgumentException("only an append decides against the version it commits on");
        }
    }

    /** This append with a guard that decides on every attempt which of its files it commits. */
    public PendingCommit withGuard(CommitGuard newGuard) {
        return new PendingCommit(operation, table, files, readVersion, writeId, removedBases, removedDeltas, readTable, newTableOnly, newGuard);
    }

    /** This commit with other files (as its guard decided for one attempt). */
    PendingCommit withFiles(List<NewDataFile> newFiles) {
        return new PendingCommit(operation, table, newFiles, readVersion, writeId, removedBases, removedDeltas, readTable, newTableOnly, guard);
    }

    /**
     * An append or overwrite of {@code files}, validated against {@code readTable} at {@code readVersion} (null and 0
     * when no table existed), committing the definition {@code table}.
     */
    public static PendingCommit write(Operation operation, TableDefinition table, List<NewDataFile> files, long readVersion,
                                      TableDefinition readTable, String writeId, boolean newTableOnly) {
        if (operation != Operation.APPEND && operation != Operation.OVERWRITE) {
            throw new IllegalArgumentException("not a write: " + operation);
        }
        return new PendingCommit(operation, table, files, readVersion, writeId, List.of(), List.of(), readTable, newTableOnly, null);
    }

    /** A schema change of the table at {@code readVersion}, whose definition was {@code readTable}, to {@code table}. */
    public static PendingCommit alter(TableDefinition readTable, TableDefinition table, long readVersion) {
        return new PendingCommit(Operation.ALTER, table, List.of(), readVersion, null, List.of(), List.of(), readTable, false, null);
    }

    /**
     * The in-place upgrade of a format version 2 table to format version 3 (SPEC section 6.13): the latest version's metadata
     * rewritten as a root and manifests, whatever was committed since {@code readVersion}; nothing when it is at 3 already.
     */
    public static PendingCommit upgrade(TableDefinition readTable, long readVersion) {
        return new PendingCommit(Operation.UPGRADE, readTable.withFormatVersion(TableDefinition.MANIFEST_FORMAT), List.of(), readVersion, null,
                List.of(), List.of(), readTable, false, null);
    }

    /**
     * A change of the table's coverage settings from {@code readTable} to {@code table} that names each delta of
     * {@code readVersion} with its coverage file (SPEC section 6.14): {@code deltas} are those deltas as they are, with the
     * coverage files written for the new granularity (none when the table stops recording coverage). It commits only on the
     * very version it read, whose deltas it describes.
     */
    public static PendingCommit coverage(TableDefinition readTable, TableDefinition table, List<NewDataFile> deltas, long readVersion) {
        return new PendingCommit(Operation.COVERAGE, table, deltas, readVersion, null, List.of(),
                deltas.stream().map(NewDataFile::file).toList(), readTable, false, null);
    }

    /**
     * The files a compaction built from the records of {@code readVersion}: bases, replacing the bases {@code removedBases},
     * and merged runs, replacing the deltas {@code removedDeltas}.
     */
    public static PendingCommit compact(TableDefinition table, List<NewDataFile> files, long readVersion, List<String> removedBases,
                                        List<String> removedDeltas) {
        return new PendingCommit(Operation.COMPACT, table, files, readVersion, null, removedBases, removedDeltas, table, false, null);
    }
}
