package io.azof.core.io.parquet;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/** A Parquet file held in memory, so property tests can write thousands of files without touching disk. */
final class InMemoryFile implements InputFile, OutputFile {
    private final String name;
    private byte[] content;

    InMemoryFile(String name) {
        this.name = name;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        if (content != null) {
            throw new FileAlreadyExistsException(name);
        }
        return createOrOverwrite(blockSizeHint);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        return new PositionOutputStream() {
            @Override
            public long getPos() {
                return bytes.size();
            }

            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
            }

            @Override
            public void close() {
                content = bytes.toByteArray();
            }
        };
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public long getLength() throws IOException {
        return existing().length;
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        byte[] data = existing();
        ArrayInput input = new ArrayInput(data);
        return new DelegatingSeekableInputStream(input) {
            @Override
            public long getPos() {
                return input.position;
            }

            @Override
            public void seek(long newPos) throws IOException {
                if (newPos < 0 || newPos > data.length) {
                    throw new EOFException("seek to " + newPos + " in " + data.length + " bytes");
                }
                input.position = (int) newPos;
            }
        };
    }

    private byte[] existing() throws FileNotFoundException {
        if (content == null) {
            throw new FileNotFoundException(name);
        }
        return content;
    }

    @Override
    public String toString() {
        return name;
    }

    private static final class ArrayInput extends InputStream {
        private final byte[] data;
        private int position;

        ArrayInput(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return position < data.length ? data[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= data.length) {
                return len == 0 ? 0 : -1;
            }
            int n = Math.min(len, data.length - position);
            System.arraycopy(data, position, b, off, n);
            position += n;
            return n;
        }
    }
}
