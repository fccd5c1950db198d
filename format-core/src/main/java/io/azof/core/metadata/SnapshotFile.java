package io.azof.core.metadata;

/**
 * What a snapshot file {@code s<N>.json} holds: a whole {@link Snapshot}, or, once version N was expired,
 * an {@link ExpiredSnapshot} stub that keeps only its commit record (SPEC section 6.10).
 */
public sealed interface SnapshotFile permits Snapshot, SnapshotRoot, ExpiredSnapshot {
    long version();
}
