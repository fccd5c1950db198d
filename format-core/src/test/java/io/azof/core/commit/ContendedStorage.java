package io.azof.core.commit;

import io.azof.core.io.FileEntry;
import io.azof.core.io.TableStorage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;

/**
 * Storage that makes concurrent writers lose races for snapshot versions, so the retry path is taken on
 * every run rather than when the scheduler happens to allow it.
 *
 * <p>Each thread's first snapshot creation waits until every writer has reached its own: they all chose
 * their version before any of them created one, so all aim at the same version and all but one lose.
 * Later creations sleep up to {@code maxJitterMillis} first, widening the window between a writer
 * reading the latest version and creating the next.
 */
final class ContendedStorage implements TableStorage {
    private static final Pattern SNAPSHOT_FILE = Pattern.compile("s\\d+\\.json");

    private final TableStorage delegate;
    private final CountDownLatch firstCreations;
    private final ThreadLocal<Boolean> passedGate = ThreadLocal.withInitial(() -> false);
    private final int maxJitterMillis;

    ContendedStorage(TableStorage delegate, int writers, int maxJitterMillis) {
        this.delegate = delegate;
        this.firstCreations = new CountDownLatch(writers);
        this.maxJitterMillis = maxJitterMillis;
    }

    @Override
    public boolean createIfAbsent(String relativePath, byte[] content) throws IOException {
        if (SNAPSHOT_FILE.matcher(relativePath).matches()) {
            try {
                if (!passedGate.get()) {
                    passedGate.set(true);
                    firstCreations.countDown();
                    if (!firstCreations.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("Not every writer reached its first snapshot creation within 60 s");
                    }
                } else {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(maxJitterMillis + 1));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted before creating " + relativePath);
            }
        }
        return delegate.createIfAbsent(relativePath, content);
    }

    @Override
    public String tableLocation() {
        return delegate.tableLocation();
    }

    @Override
    public String location(String relativePath) {
        return delegate.location(relativePath);
    }

    @Override
    public boolean exists(String relativePath) throws IOException {
        return delegate.exists(relativePath);
    }

    @Override
    public byte[] readAll(String relativePath) throws IOException {
        return delegate.readAll(relativePath);
    }

    @Override
    public InputFile inputFile(String relativePath) throws FileNotFoundException, IOException {
        return delegate.inputFile(relativePath);
    }

    @Override
    public OutputFile outputFile(String relativePath) throws IOException {
        return delegate.outputFile(relativePath);
    }

    @Override
    public void writeAll(String relativePath, byte[] content) throws IOException {
        delegate.writeAll(relativePath, content);
    }

    @Override
    public List<String> list(String relativeDir) throws IOException {
        return delegate.list(relativeDir);
    }

    @Override
    public List<FileEntry> listFilesRecursively(String relativeDir) throws IOException {
        return delegate.listFilesRecursively(relativeDir);
    }

    @Override
    public long sizeOf(String relativePath) throws IOException {
        return delegate.sizeOf(relativePath);
    }

    @Override
    public void delete(String relativePath) throws IOException {
        delegate.delete(relativePath);
    }
}
