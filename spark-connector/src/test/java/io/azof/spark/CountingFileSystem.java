package io.azof.spark;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local file system under the scheme {@value #SCHEME}, counting every byte its input streams hand to
 * readers, so a test can prove what a read actually fetched from storage rather than what it returned.
 */
public class CountingFileSystem extends RawLocalFileSystem {
    public static final String SCHEME = "counting";

    private static final AtomicLong BYTES_READ = new AtomicLong();
    private static final List<String> OPENED = new CopyOnWriteArrayList<>();

    public static void resetBytesRead() {
        BYTES_READ.set(0);
        OPENED.clear();
    }

    /** The path of every file opened since {@link #resetBytesRead()}, in the order opened (repeats included). */
    public static List<String> opened() {
        return List.copyOf(OPENED);
    }

    public static long bytesRead() {
        return BYTES_READ.get();
    }

    /** The URI under which a local directory is read through a file system of {@code scheme}. */
    public static String uriOf(String scheme, java.nio.file.Path localDirectory) {
        return scheme + "://" + localDirectory.toAbsolutePath().toUri().getPath();
    }

    /** A constant, not a field: Hadoop's constructor already asks for the URI before fields are set. */
    protected String schemeName() {
        return SCHEME;
    }

    @Override
    public String getScheme() {
        return schemeName();
    }

    @Override
    public URI getUri() {
        return URI.create(schemeName() + ":///");
    }

    @Override
    public FSDataInputStream open(Path file, int bufferSize) throws IOException {
        OPENED.add(file.toUri().getPath());
        return new FSDataInputStream(new CountingInputStream(super.open(file, bufferSize)));
    }

    /** The same file system under a scheme the shared session does not know, for per-read configuration. */
    public static final class PerReadScheme extends CountingFileSystem {
        public static final String SCHEME = "countingperread";

        @Override
        protected String schemeName() {
            return SCHEME;
        }
    }

    /** Not byte-buffer readable on purpose: Parquet then reads through the byte[] methods counted here. */
    private static final class CountingInputStream extends FSInputStream {
        private final FSDataInputStream in;

        CountingInputStream(FSDataInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int value = in.read();
            if (value >= 0) {
                BYTES_READ.incrementAndGet();
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = in.read(buffer, offset, length);
            if (read > 0) {
                BYTES_READ.addAndGet(read);
            }
            return read;
        }

        @Override
        public void seek(long position) throws IOException {
            in.seek(position);
        }

        @Override
        public long getPos() throws IOException {
            return in.getPos();
        }

        @Override
        public boolean seekToNewSource(long targetPosition) {
            return false;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
