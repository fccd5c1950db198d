package io.azof.core.io;

/**
 * Where tables live: hands out the {@link TableStorage} of the table at a path. What an engine or a test supplies
 * to {@link io.azof.core.Table#forPath}; {@link HadoopStorage} reaches every file system Hadoop knows.
 */
@FunctionalInterface
public interface Storage {
    /**
     * The files of the table at {@code path}, whether or not a table is there yet.
     *
     * @throws java.io.UncheckedIOException when the path's file system cannot be reached, naming the path
     */
    TableStorage table(String path);
}
