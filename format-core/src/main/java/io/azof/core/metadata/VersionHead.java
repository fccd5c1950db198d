package io.azof.core.metadata;

/**
 * What a retained version says about itself without its files: its table definition and commit record. A writer needs no
 * more before it commits, and in format version 3 that is the root alone, whatever the table's size.
 *
 * @param commit null for azof 0.2.1 snapshots, which record no commit
 */
public record VersionHead(long version, TableDefinition table, CommitInfo commit) {
    /** The head of a whole snapshot or a root; an expiry stub has none. */
    public static VersionHead of(SnapshotFile file) {
        if (file instanceof Snapshot snapshot) {
            return new VersionHead(snapshot.version(), snapshot.table(), snapshot.commit());
        }
        if (file instanceof SnapshotRoot root) {
            return new VersionHead(root.version(), root.table(), root.commit());
        }
        throw new IllegalArgumentException("version " + file.version() + " was expired: it has no table");
    }
}
