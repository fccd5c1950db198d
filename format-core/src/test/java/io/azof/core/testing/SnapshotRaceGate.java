package io.azof.core.testing;

import io.azof.core.io.TableStorage;
import io.azof.core.log.MetadataFiles;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Makes concurrent writers lose races for snapshot versions, so the race is run on every test run rather than when the
 * scheduler happens to allow it: each thread's first snapshot creation waits until every writer has reached its own, so
 * they all chose their version before any of them created one and all aim at the same version. Later creations sleep up
 * to {@code maxJitterMillis} first, widening the window between reading the latest version and creating the next.
 *
 * <p>One gate is shared by the writers of one race; {@link #storage} wraps each writer's storage with it.
 */
public final class SnapshotRaceGate {
    private final CountDownLatch firstCreations;
    private final ThreadLocal<Boolean> passedGate = ThreadLocal.withInitial(() -> false);
    private final int maxJitterMillis;

    public SnapshotRaceGate(int writers, int maxJitterMillis) {
        this.firstCreations = new CountDownLatch(writers);
        this.maxJitterMillis = maxJitterMillis;
    }

    public TableStorage storage(TableStorage delegate) {
        return new ForwardingStorage(delegate) {
            @Override
            public boolean createIfAbsent(String relativePath, byte[] content) throws IOException {
                if (MetadataFiles.versionOf(relativePath) > 0) {
                    await(relativePath);
                }
                return delegate.createIfAbsent(relativePath, content);
            }
        };
    }

    private void await(String relativePath) throws InterruptedIOException {
        try {
            if (!passedGate.get()) {
                passedGate.set(true);
                firstCreations.countDown();
                if (!firstCreations.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("Not every writer reached its first snapshot creation within 60 s");
                }
            } else if (maxJitterMillis > 0) {
                Thread.sleep(ThreadLocalRandom.current().nextInt(maxJitterMillis + 1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted before creating " + relativePath);
        }
    }
}
