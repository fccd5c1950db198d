package io.azof.core.metadata;

import java.io.Serializable;
import java.util.Objects;

/**
 * The stub that replaces an expired version's snapshot file: its commit record and nothing to read. The
 * file stays (rather than being deleted) so that its name remains taken: writers create {@code s<N>.json}
 * only if absent, and a slow writer based on version N-1 would otherwise re-create it and fork the table.
 */
public record ExpiredSnapshot(CommitRecord commit) implements SnapshotFile, Serializable {
    public ExpiredSnapshot {
        Objects.requireNonNull(commit, "commit");
    }

    /** The stub of a format version 2 snapshot. */
    public static ExpiredSnapshot of(Snapshot snapshot) {
        return new ExpiredSnapshot(snapshot.commitRecord());
    }

    /** The stub of a format version 3 root. */
    public static ExpiredSnapshot of(SnapshotRoot root) {
        return new ExpiredSnapshot(root.commitRecord());
    }

    @Override
    public long version() {
        return commit.version();
    }
}
