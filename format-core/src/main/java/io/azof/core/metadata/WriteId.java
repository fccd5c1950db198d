package io.azof.core.metadata;

/**
 * A write id of the form {@code <writer>:<sequence>} ({@code nightly-load:17}, a streaming query's {@code <query id>:<batch
 * id>}): format version 3 keeps only each writer's highest committed sequence, so what idempotence needs grows with the
 * number of writers, not with the number of commits, and a write whose sequence is at or below its writer's highest
 * commits nothing, as Delta Lake's transaction versions do (SPEC section 6.12). Other ids are free-form: the table keeps
 * the latest {@link CommitInfo#RECENT_WRITE_IDS} of them.
 */
public record WriteId(String writer, long sequence) {
    /** More digits than a long holds are no sequence. */
    private static final int MAX_DIGITS = 18;

    /** The writer and sequence of an id of the form {@code <writer>:<sequence>}, or null for a free-form id. */
    public static WriteId parse(String id) {
        int colon = id.lastIndexOf(':');
        int digits = id.length() - colon - 1;
        if (colon <= 0 || digits == 0 || digits > MAX_DIGITS) {
            return null;
        }
        for (int i = colon + 1; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return null;
            }
        }
        return new WriteId(id.substring(0, colon), Long.parseLong(id.substring(colon + 1)));
    }
}
