package io.azof.core.commit;

/**
 * @param version the version the write created, or the latest version when it was skipped
 * @param skipped true when the table had already committed the write's id, so nothing was written
 * @param attempts how many versions were tried (1 unless other writers won races)
 */
public record CommitResult(long version, boolean skipped, int attempts) {
}
