package io.azof.core;

import io.azof.core.commit.CommitResult;
import io.azof.core.commit.PendingCommit;
import io.azof.core.exceptions.LegacyTableException;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.metadata.VersionHead;

/**
 * The in-place upgrade of a format version 2 table to format version 3 ({@link Table#newFormatUpgrade}; SPEC section 6.13):
 * one commit whose root names manifests built from the latest version's listing. No data file is read, written or moved,
 * and every version before it stays readable as it was. Readers that know only format version 2 refuse the versions from
 * then on, naming the format version.
 */
public final class FormatUpgradeOperation {
    private final Table table;

    FormatUpgradeOperation(Table table) {
        this.table = table;
    }

    /**
     * Commits the upgrade; a table at format version 3 already is left as it is ({@link CommitResult#skipped()}).
     *
     * @throws io.azof.core.exceptions.TableNotFoundException when the location holds no azof table
     * @throws io.azof.core.exceptions.LegacyTableException for an azof 0.2.1 table, which is upgraded to a new table instead
     *     ({@link Table#newUpgrade})
     */
    public CommitResult commit() {
        VersionHead latest = table.head(VersionSelector.latest());
        if (latest.table().isLegacy()) {
            throw LegacyTableException.upgradedToANewTable(table.location());
        }
        if (latest.table().usesManifests()) {
            return new CommitResult(latest.version(), true, 0);
        }
        return table.committer().commit(PendingCommit.upgrade(latest.table(), latest.version()));
    }
}
