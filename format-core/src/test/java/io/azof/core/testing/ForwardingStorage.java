package io.azof.core.testing;

import io.azof.core.io.FileEntry;
import io.azof.core.io.TableStorage;
import java.io.IOException;
import java.util.List;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;

/** A {@link TableStorage} that hands every call to another; test doubles override the calls they change. */
public abstract class ForwardingStorage implements TableStorage {
    protected final TableStorage delegate;

    protected ForwardingStorage(TableStorage delegate) {
        this.delegate = delegate;
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
    public InputFile inputFile(String relativePath) throws IOException {
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
    public boolean createIfAbsent(String relativePath, byte[] content) throws IOException {
        return delegate.createIfAbsent(relativePath, content);
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
