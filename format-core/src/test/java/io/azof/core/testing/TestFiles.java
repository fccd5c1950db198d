package io.azof.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Directories for tests: deleting a tree, and a temporary directory that deletes itself. */
public final class TestFiles {
    private TestFiles() {
    }

    /** Deletes {@code dir} and everything below it; fails if {@code dir} does not exist. */
    public static void deleteRecursively(Path dir) throws IOException {
        List<Path> deepestFirst;
        try (Stream<Path> paths = Files.walk(dir)) {
            deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : deepestFirst) {
            Files.delete(path);
        }
    }

    /** Deletes {@code dir} and everything below it if it exists; a missing directory is left as it is. */
    public static void deleteRecursivelyIfExists(Path dir) throws IOException {
        if (Files.exists(dir)) {
            deleteRecursively(dir);
        }
    }

    /**
     * A new directory under the system's temporary directory, named {@code prefix} and a random suffix, deleted with
     * everything in it on {@link TemporaryDirectory#close()}. For a jqwik try, which JUnit's {@code @TempDir} does not
     * reach: {@code try (TemporaryDirectory temp = TestFiles.temporaryDirectory("azof-x-")) { ... temp.path() ... }}.
     */
    public static TemporaryDirectory temporaryDirectory(String prefix) throws IOException {
        return new TemporaryDirectory(Files.createTempDirectory(prefix));
    }

    /** A directory that {@link #close()} deletes, with everything in it. */
    public record TemporaryDirectory(Path path) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            deleteRecursively(path);
        }
    }
}
