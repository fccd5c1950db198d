package io.azof.core.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;

/**
 * Files of one table, addressed relative to the table directory. The only way the core touches storage,
 * so engines and tests can supply their own (Hadoop for file:, hdfs:, s3a:; in-memory for tests).
 */
public interface TableStorage {

    /** The table directory's full location, for messages. */
    String tableLocation();

    /** A full, human-readable location for messages, e.g. {@code s3a://bucket/t/s1.json}. */
    String location(String relativePath);

    boolean exists(String relativePath) throws IOException;

    /** Reads a whole (small, metadata) file. */
    byte[] readAll(String relativePath) throws IOException;

    /** Opens a data file for Parquet. */
    InputFile inputFile(String relativePath) throws FileNotFoundException, IOException;

    /** Creates or replaces a data file for Parquet. */
    OutputFile outputFile(String relativePath) throws IOException;

    /** Writes a whole (small, metadata) file, replacing it if present. */
    void writeAll(String relativePath, byte[] content) throws IOException;

    /**
     * Creates a whole file only if no file of that name exists, atomically where the store allows (see
     * {@link ExclusiveCreate}); readers never see it partly written.
     *
     * @return true when this call created the file, false when it already existed
     */
    boolean createIfAbsent(String relativePath, byte[] content) throws IOException;

    /** Names of the files directly inside a directory of the table ("" for the table directory); empty if it does not exist. */
    List<String> list(String relativeDir) throws IOException;

    /**
     * Every file under a directory of the table ("" for the whole table), at any depth, with its size and
     * modification time; directories themselves are not listed. Empty if the directory does not exist.
     * Vacuum uses it to find files no retained version references.
     */
    List<FileEntry> listFilesRecursively(String relativeDir) throws IOException;

    /** The size of a file in bytes. */
    long sizeOf(String relativePath) throws IOException;

    /** Deletes a file if present. */
    void delete(String relativePath) throws IOException;
}
