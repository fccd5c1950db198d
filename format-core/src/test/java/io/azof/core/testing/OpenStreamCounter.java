package io.azof.core.testing;

import io.azof.core.io.TableStorage;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Counts the streams open at once on a table's files, through the storage a read is given: what S3A's connection pool
 * sees, since each open stream holds one connection.
 */
public final class OpenStreamCounter {
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();

    /** {@code delegate}, counting the streams opened on its files. */
    public TableStorage storage(TableStorage delegate) {
        return new ForwardingStorage(delegate) {
            @Override
            public InputFile inputFile(String relativePath) throws IOException {
                return counted(delegate.inputFile(relativePath));
            }
        };
    }

    /** The most streams that were open at once. */
    public int peak() {
        return peak.get();
    }

    /** The streams open now: zero once every reader closed. */
    public int open() {
        return open.get();
    }

    /** The streams opened in all. */
    public int opened() {
        return opened.get();
    }

    public void reset() {
        peak.set(open.get());
        opened.set(0);
    }

    private InputFile counted(InputFile file) {
        return new InputFile() {
            @Override
            public long getLength() throws IOException {
                return file.getLength();
            }

            @Override
            public SeekableInputStream newStream() throws IOException {
                SeekableInputStream stream = file.newStream();
                opened.incrementAndGet();
                peak.accumulateAndGet(open.incrementAndGet(), Math::max);
                return new DelegatingSeekableInputStream(stream) {
                    private boolean closed;

                    @Override
                    public long getPos() throws IOException {
                        return stream.getPos();
                    }

                    @Override
                    public void seek(long position) throws IOException {
                        stream.seek(position);
                    }

                    @Override
                    public void close() throws IOException {
                        if (!closed) {
                            closed = true;
                            open.decrementAndGet();
                        }
                        super.close();
                    }
                };
            }
        };
    }
}
