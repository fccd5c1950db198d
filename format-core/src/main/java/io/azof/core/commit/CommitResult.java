package io.azof.core.commit;

/**
 * @param version the version the write created, or the latest version when it was skipped
 * @param skipped true when the table had already committed the write's id, so nothing was written
 * @param attempts how many versions were tried (1 unless other writers won races)
 * @param rowsDropped rows an append with overlap policy {@code skip} left out, because their slots were covered already
 *     (SPEC section 6.15); with {@code skipped} and a positive count, every row was
 */
public record CommitResult(long version, boolean skipped, int attempts, long rowsDropped) {
    public CommitResult(long version, boolean skipped, int attempts) {
        this(version, skipped, attempts, 0);
    }
}
