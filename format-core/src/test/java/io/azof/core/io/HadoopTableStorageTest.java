package io.azof.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopTableStorageTest {
    private static final Instant JAN = Instant.parse("2024-01-05T10:00:00Z");
    private static final Instant FEB = Instant.parse("2024-02-05T10:00:00Z");

    @TempDir
    java.nio.file.Path dir;

    private TableStorage storage() throws IOException {
        return new HadoopTableStorage(dir.toUri().toString(), new Configuration());
    }

    private void file(String relative, int bytes, Instant modified) throws IOException {
        java.nio.file.Path path = dir.resolve(relative);
        Files.createDirectories(path.getParent());
        Files.write(path, new byte[bytes]);
        Files.setLastModifiedTime(path, FileTime.from(modified));
    }

    private static List<FileEntry> sorted(List<FileEntry> entries) {
        List<FileEntry> copy = new ArrayList<>(entries);
        copy.sort(Comparator.comparing(FileEntry::path));
        return copy;
    }

    @Test
    void listsEveryFileAtAnyDepthRelativeToTheTableWithSizeAndModificationTime() throws IOException {
        file("s1.json", 10, JAN);
        file("data/2024-01/b0-x.parquet", 300, JAN);
        file("data/2024-02/b1-y.parquet", 200, FEB);
        file("data/2024-02/nested/deeper.bin", 7, FEB);
        Files.createDirectories(dir.resolve("data/empty"));
        // Written through Hadoop, which also writes a hidden checksum file beside it: that one is not the table's.
        storage().writeAll("version.txt", "1".getBytes(StandardCharsets.UTF_8));
        try (Stream<java.nio.file.Path> walk = Files.walk(dir)) {
            assertThat(walk.map(p -> p.getFileName().toString())).contains(".version.txt.crc");
        }
        long hintModified = Files.getLastModifiedTime(dir.resolve("version.txt")).toMillis();

        assertThat(sorted(storage().listFilesRecursively(""))).containsExactly(
                new FileEntry("data/2024-01/b0-x.parquet", 300, JAN.toEpochMilli()),
                new FileEntry("data/2024-02/b1-y.parquet", 200, FEB.toEpochMilli()),
                new FileEntry("data/2024-02/nested/deeper.bin", 7, FEB.toEpochMilli()),
                new FileEntry("s1.json", 10, JAN.toEpochMilli()),
                new FileEntry("version.txt", 1, hintModified));
        assertThat(sorted(storage().listFilesRecursively("data/2024-02"))).containsExactly(
                new FileEntry("data/2024-02/b1-y.parquet", 200, FEB.toEpochMilli()),
                new FileEntry("data/2024-02/nested/deeper.bin", 7, FEB.toEpochMilli()));
        assertThat(storage().listFilesRecursively("missing")).isEmpty();
    }

    @Test
    void writeAllReplacesAFileAndLeavesNoTemporaryFile() throws IOException {
        TableStorage storage = storage();
        storage.writeAll("s3.json", "full".getBytes(StandardCharsets.UTF_8));
        storage.writeAll("s3.json", "stub".getBytes(StandardCharsets.UTF_8));

        assertThat(storage.readAll("s3.json")).asString(StandardCharsets.UTF_8).isEqualTo("stub");
        assertThat(storage.list("")).containsExactly("s3.json");
    }

    /**
     * On a store whose plain rename refuses an existing target (as HDFS's does), writeAll replaces through a
     * rename with overwrite instead of deleting the target first (which would leave a moment with no file).
     */
    @Test
    void writeAllReplacesOnAStoreWhoseRenameRefusesAnExistingTarget() throws IOException {
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", RefusingRenameFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        TableStorage storage = new HadoopTableStorage(dir.toUri().toString(), conf);
        storage.writeAll("s3.json", "full".getBytes(StandardCharsets.UTF_8));
        RefusingRenameFileSystem.refusals = 0;
        RefusingRenameFileSystem.targetDeletes = 0;

        storage.writeAll("s3.json", "stub".getBytes(StandardCharsets.UTF_8));

        assertThat(RefusingRenameFileSystem.refusals).as("the plain rename was tried and refused").isEqualTo(1);
        assertThat(RefusingRenameFileSystem.targetDeletes).as("the target was never deleted").isZero();
        assertThat(Files.readString(dir.resolve("s3.json"))).isEqualTo("stub");
        assertThat(storage.list("")).containsExactly("s3.json");
    }

    /** Hadoop's local file system with HDFS's rename rule: an existing target makes rename return false. */
    public static final class RefusingRenameFileSystem extends LocalFileSystem {
        static int refusals;
        static int targetDeletes;

        @Override
        public boolean rename(Path src, Path dst) throws IOException {
            if (exists(dst)) {
                refusals++;
                return false;
            }
            return super.rename(src, dst);
        }

        @Override
        public boolean delete(Path path, boolean recursive) throws IOException {
            if (path.getName().equals("s3.json")) {
                targetDeletes++;
            }
            return super.delete(path, recursive);
        }
    }
}
