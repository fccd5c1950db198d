package io.azof.core.io;

import io.azof.core.exceptions.InvalidOptionException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * How a store creates a file only if no file of that name exists — the primitive that keeps two
 * writers from both committing the same snapshot version. Every mode makes the complete content
 * visible at once (it is written to a temporary name first) except {@link #CREATE_NO_OVERWRITE}.
 *
 * <p>The mode is chosen by the file system's scheme, or set with the Hadoop property
 * {@value #CONFIG_KEY} (in Spark: {@code spark.hadoop.azof.commit.exclusive-create}).
 */
public enum ExclusiveCreate {
    /**
     * Local file systems: {@code link(2)} of a fully written temporary file, which fails atomically
     * when the target exists. (Hadoop's local {@code create(overwrite=false)} checks, then creates, and
     * its {@code rename} replaces an existing target: neither is safe.)
     */
    LINK,
    /** HDFS and other stores whose rename is atomic and fails when the target exists. */
    RENAME,
    /**
     * Hadoop's {@code create(path, overwrite=false)}. NOT atomic on S3A before Hadoop 3.4.2: two
     * concurrent writers can both succeed and the last one wins. Safe only with a single writer.
     */
    CREATE_NO_OVERWRITE;

    public static final String CONFIG_KEY = "azof.commit.exclusive-create";

    /** The mode for {@code fs}: the configured one, else the safe one its scheme offers. */
    public static ExclusiveCreate forFileSystem(FileSystem fs, Configuration conf) {
        String configured = conf.getTrimmed(CONFIG_KEY);
        if (configured != null && !configured.isEmpty()) {
            return parse(configured);
        }
        String scheme = String.valueOf(fs.getUri().getScheme()).toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "file" -> LINK;
            case "hdfs", "viewfs" -> RENAME;
            default -> CREATE_NO_OVERWRITE;
        };
    }

    static ExclusiveCreate parse(String value) {
        for (ExclusiveCreate mode : values()) {
            if (mode.configName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new InvalidOptionException("Invalid value for Hadoop property '" + CONFIG_KEY + "': '" + value
                + "'. Accepted values: " + Arrays.stream(values()).map(ExclusiveCreate::configName).collect(Collectors.joining(", ")));
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Creates {@code target} with {@code content} unless it exists.
     *
     * @return true when this call created the file, false when a file of that name already existed
     */
    public boolean create(FileSystem fs, Path target, byte[] content) throws IOException {
        return switch (this) {
            case LINK -> createByLink(fs, target, content);
            case RENAME -> createByRename(fs, target, content);
            case CREATE_NO_OVERWRITE -> createNoOverwrite(fs, target, content);
        };
    }

    private static Path temporarySibling(Path target) {
        return new Path(target.getParent(), HadoopTableStorage.TEMPORARY_PREFIX + target.getName() + "." + UUID.randomUUID());
    }

    private static boolean createByLink(FileSystem fs, Path target, byte[] content) throws IOException {
        RawLocalFileSystem local = rawLocal(fs);
        java.nio.file.Path finalPath = local.pathToFile(target).toPath();
        java.nio.file.Path tempPath = local.pathToFile(temporarySibling(target)).toPath();
        Files.createDirectories(finalPath.getParent());
        Files.write(tempPath, content);
        try {
            Files.createLink(finalPath, tempPath);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(tempPath);
        }
    }

    private static RawLocalFileSystem rawLocal(FileSystem fs) {
        if (fs instanceof LocalFileSystem checksummed) {
            return (RawLocalFileSystem) checksummed.getRawFileSystem();
        }
        if (fs instanceof RawLocalFileSystem raw) {
            return raw;
        }
        throw new IllegalStateException("exclusive-create mode 'link' needs a local file system, not " + fs.getUri());
    }

    private static boolean createByRename(FileSystem fs, Path target, byte[] content) throws IOException {
        Path temp = temporarySibling(target);
        try (OutputStream out = fs.create(temp, false)) {
            out.write(content);
        }
        try {
            return fs.rename(temp, target);
        } finally {
            fs.delete(temp, false);
        }
    }

    private static boolean createNoOverwrite(FileSystem fs, Path target, byte[] content) throws IOException {
        try (OutputStream out = fs.create(target, false)) {
            out.write(content);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        }
    }
}
