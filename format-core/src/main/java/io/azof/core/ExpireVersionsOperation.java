package io.azof.core;

import io.azof.core.exceptions.InvalidOptionException;
import io.azof.core.maintenance.ExpiryRequest;
import io.azof.core.maintenance.VersionExpiry;
import java.time.Instant;

/**
 * Expiry of old versions ({@link Table#expireVersions()}; SPEC section 6.10): each expired version's snapshot is
 * replaced by a stub that keeps its commit record, so reads of it fail naming the versions retained, and the files
 * only it used become unreferenced, for {@link Table#vacuum()} to delete. The latest version is never expired.
 *
 * <p>Say which versions go: {@link #retainLast} keeps the newest ones, {@link #olderThan} keeps those committed since
 * an instant; given both, a version is expired only when both let it go.
 */
public final class ExpireVersionsOperation {
    private final Table table;
    private Instant olderThan;
    private Integer retainLast;

    ExpireVersionsOperation(Table table) {
        this.table = table;
    }

    /** Keeps the last {@code versions} versions, at least 1. */
    public ExpireVersionsOperation retainLast(int versions) {
        this.retainLast = versions;
        return this;
    }

    /** Keeps the versions committed at or after {@code instant}. */
    public ExpireVersionsOperation olderThan(Instant instant) {
        if (instant == null) {
            throw new InvalidOptionException("olderThan needs an instant; use retainLast to expire by count alone");
        }
        this.olderThan = instant;
        return this;
    }

    /**
     * Expires the versions chosen, oldest first.
     *
     * @throws InvalidOptionException when neither {@link #retainLast} nor {@link #olderThan} was given
     * @throws io.azof.core.exceptions.TableNotFoundException when there is no table
     * @throws io.azof.core.exceptions.LegacyTableException for an azof 0.2.1 table, which is never changed
     */
    public VersionExpiry.Result commit() {
        if (olderThan == null && retainLast == null) {
            throw new InvalidOptionException("expireVersions needs retainLast(n), olderThan(instant) or both, to say which versions"
                    + " to expire; nothing was expired");
        }
        ExpiryRequest request = new ExpiryRequest(olderThan, retainLast == null ? 1 : retainLast);
        long latest = table.latestWritable("expireVersions").version();
        return VersionExpiry.expire(table.storage(), latest, request);
    }
}
