package io.azof.core.maintenance;

import io.azof.core.exceptions.AzofException;
import io.azof.core.io.TableStorage;
import io.azof.core.log.MetadataFiles;
import io.azof.core.log.SnapshotLog;
import io.azof.core.maintenance.SnapshotHistoryChecks.Hint;
import io.azof.core.maintenance.SnapshotHistoryChecks.VersionState;
import io.azof.core.maintenance.ValidationProblem.Kind;
import io.azof.core.metadata.ExpiredSnapshot;
import io.azof.core.metadata.Snapshot;
import io.azof.core.metadata.SnapshotFile;
import io.azof.core.metadata.TableDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Checks that a table's metadata and data files are what the format requires (SPEC section 6.9) and reports
 * every problem with where it is. Works on azof 0.2.1 and format version 2 tables, and only reads: it never
 * creates, changes or deletes a file.
 *
 * <p>Every retained snapshot is read and checked, and every data file any of them references is checked
 * once: its size, Parquet footer, columns and footer statistics against what each snapshot records. A deep
 * validation also reads every record of every file.
 */
public final class TableValidator {
    private final TableStorage storage;
    private final boolean deep;
    private final List<ValidationProblem> problems = new ArrayList<>();

    private TableValidator(TableStorage storage, boolean deep) {
        this.storage = storage;
        this.deep = deep;
    }

    /** Validates metadata and data files without reading records. */
    public static ValidationReport validate(TableStorage storage) {
        return validate(storage, false);
    }

    /**
     * @param deep also read every record of every data file: order, buckets, exact statistics, nulls
     * @throws UncheckedIOException when the table directory cannot be listed
     */
    public static ValidationReport validate(TableStorage storage, boolean deep) {
        return new TableValidator(storage, deep).run();
    }

    private ValidationReport run() {
        NavigableSet<Long> listed = listedVersions();
        if (listed.isEmpty()) {
            problems.add(ValidationProblem.error(Kind.NO_SNAPSHOT, storage.tableLocation(), "there is no snapshot file (s1.json, ...),"
                    + " so this is not an azof table"));
            return new ValidationReport(problems, 0, 0);
        }
        problems.addAll(SnapshotHistoryChecks.hint(readHint(), listed));
        problems.addAll(SnapshotHistoryChecks.gaps(listed));
        List<VersionState> states = new ArrayList<>();
        SnapshotLog log = new SnapshotLog(storage);
        for (long version : listed) {
            states.add(read(log, version));
        }
        problems.addAll(SnapshotHistoryChecks.versions(states));
        List<Snapshot> retained = states.stream().filter(s -> s.snapshot() != null).map(VersionState::snapshot).toList();
        for (Snapshot snapshot : retained) {
            problems.addAll(SegmentTreeChecks.check(snapshot));
        }
        Map<String, List<FileReference>> byFile = referencesLatestFirst(retained);
        for (Map.Entry<String, List<FileReference>> file : byFile.entrySet()) {
            checkFile(file.getKey(), file.getValue());
        }
        long versionsChecked = states.stream().filter(s -> !s.expired()).count();
        return new ValidationReport(problems, versionsChecked, byFile.size());
    }

    private NavigableSet<Long> listedVersions() {
        NavigableSet<Long> versions = new TreeSet<>();
        try {
            for (String name : storage.list("")) {
                long version = MetadataFiles.versionOf(name);
                if (version > 0) {
                    versions.add(version);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + storage.tableLocation(), e);
        }
        return versions;
    }

    private Hint readHint() {
        try {
            if (!storage.exists(MetadataFiles.VERSION_HINT)) {
                return new Hint(false, null, null);
            }
            return new Hint(true, new String(storage.readAll(MetadataFiles.VERSION_HINT), StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            return new Hint(true, null, e.toString());
        }
    }

    private static VersionState read(SnapshotLog log, long version) {
        try {
            // An expired version's file is a stub that keeps only its commit record; there is nothing else to check.
            // (Read as a file, not with log.read, whose refusal would work out the retained versions for its message.)
            SnapshotFile file = log.readFile(version);
            if (file instanceof ExpiredSnapshot) {
                return VersionState.expired(version);
            }
            return VersionState.read(file instanceof Snapshot snapshot ? snapshot : log.readFromStorage(version));
        } catch (AzofException e) {
            return VersionState.unreadable(version, e.getMessage());
        } catch (UncheckedIOException e) {
            return VersionState.unreadable(version, e.getMessage() + ": " + e.getCause());
        }
    }

    /** Each data file with the entries naming it, the latest snapshot's first; files in the order the latest snapshots list them. */
    private static Map<String, List<FileReference>> referencesLatestFirst(List<Snapshot> ascending) {
        Map<String, List<FileReference>> byFile = new LinkedHashMap<>();
        for (int i = ascending.size() - 1; i >= 0; i--) {
            for (FileReference reference : FileReference.of(ascending.get(i))) {
                byFile.computeIfAbsent(reference.path(), p -> new ArrayList<>()).add(reference);
            }
        }
        return byFile;
    }

    /** Reads the file once, then checks it against each distinct entry naming it. */
    private void checkFile(String path, List<FileReference> references) {
        FileReference latest = references.get(0);
        long addedVersion = latest.stats() == null ? 0 : latest.stats().addedVersion();
        TableDefinition writtenUnder = references.stream().filter(r -> r.snapshotVersion() == addedVersion).findFirst()
                .map(FileReference::table).orElse(null);
        DataFileFacts facts = DataFileInspector.inspect(storage, path, latest.table(), deep, addedVersion, writtenUnder);
        List<Long> versions = references.stream().map(FileReference::snapshotVersion).distinct().sorted().toList();
        problems.addAll(DataFileChecks.file(latest, versions, facts));
        Map<FileReference.Entry, FileReference> distinct = new LinkedHashMap<>();
        references.forEach(reference -> distinct.putIfAbsent(reference.entry(), reference));
        for (FileReference reference : distinct.values()) {
            problems.addAll(DataFileChecks.entry(reference, facts));
        }
        if (facts.exists()) {
            // Entries of one file name the same coverage file unless the granularity changed; the latest is the one reads use.
            problems.addAll(CoverageChecks.check(storage, latest, deep));
        }
    }
}
