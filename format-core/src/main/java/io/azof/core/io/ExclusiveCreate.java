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
     * Hadoop's {@code create(path, overwrite=false)}. NOT atomic on S3A (3.3.4 to 3.4.2 at least): it
     * checks when the stream opens and uploads when it closes, so two concurrent writers can both succeed
     * and the last one wins. Safe only with a single writer.
     */
    CREATE_NO_OVERWRITE,
    /**
     * S3 conditional write: the object is stored only if no object of that key exists (HTTP 412
     * otherwise), atomically on the server. With Hadoop 3.4.2 or later, through S3A's own conditional
     * create ({@code createFile(p).overwrite(false).must("fs.option.create.conditional.overwrite", true)});
     * with Hadoop 3.3 (Spark 3.5 ships 3.3.4), by one {@code PutObject} with {@code If-None-Match: *} sent with
     * S3A's own AWS SDK v1 client ({@link S3ConditionalPut}). The default for {@code s3a://} when either is
     * available (Hadoop 3.4.0 and 3.4.1 have neither).
     */
    S3_CONDITIONAL_PUT;

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
            case "s3a" -> hadoopConditionalCreate() || s3aUsesSdkV1() ? S3_CONDITIONAL_PUT : CREATE_NO_OVERWRITE;
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
            case S3_CONDITIONAL_PUT -> hadoopConditionalCreate() ? createConditionally(fs, target, content) : s3Put(fs, target, content);
        };
    }

    /** The option S3A 3.4.2+ honours to make {@code create} conditional (older builders ignore or refuse it). */
    static final String CONDITIONAL_OVERWRITE_OPTION = "fs.option.create.conditional.overwrite";

    /**
     * Whether this Hadoop's S3A has a conditional create: 3.4.2 or later. Decided by version, not by trying,
     * because 3.3.4's generic create builder silently ignores unknown {@code must} options, which would
     * leave the create non-atomic without any error.
     */
    static boolean hadoopConditionalCreate() {
        return atLeast(org.apache.hadoop.util.VersionInfo.getVersion(), 3, 4, 2);
    }

    static boolean atLeast(String version, int... wanted) {
        String[] parts = String.valueOf(version).split("[^0-9]+");
        for (int i = 0; i < wanted.length; i++) {
            int have;
            try {
                have = i < parts.length ? Integer.parseInt(parts[i]) : 0;
            } catch (NumberFormatException e) {
                return false;
            }
            if (have != wanted[i]) {
                return have > wanted[i];
            }
        }
        return true;
    }

    /**
     * Hadoop 3.4.2+: the loser fails at {@code close()} with HTTP 412 (S3A's {@code RemoteFileChangedException})
     * or at open with {@code FileAlreadyExistsException} when the object already exists. Also compiled against
     * 3.3.4, where it is never called; S3ConditionalCreateRaceTest exercises it on the Spark 4.1 line (Hadoop 3.4.2).
     */
    private static boolean createConditionally(FileSystem fs, Path target, byte[] content) throws IOException {
        // createFile returns a raw builder type in Hadoop 3.3.4: name the stream type once.
        org.apache.hadoop.fs.FSDataOutputStreamBuilder<?, ?> builder = fs.createFile(target);
        builder.overwrite(false).must(CONDITIONAL_OVERWRITE_OPTION, true);
        try (OutputStream out = builder.build()) {
            out.write(content);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (e.getClass().getSimpleName().equals("RemoteFileChangedException") || String.valueOf(e.getMessage()).contains("412")) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Whether S3A is 3.3's, which talks to S3 through the AWS SDK v1, with that SDK on the classpath: what
     * {@link S3ConditionalPut} needs. (S3A 3.4 moved to the SDK v2.) Checked here, not in S3ConditionalPut: loading
     * that class without the SDK fails (the verifier resolves the SDK exceptions it catches), and the check must work
     * exactly when the SDK is absent.
     */
    static boolean s3aUsesSdkV1() {
        if (atLeast(org.apache.hadoop.util.VersionInfo.getVersion(), 3, 4, 0)) {
            return false;
        }
        try {
            Class.forName("com.amazonaws.services.s3.AmazonS3", false, ExclusiveCreate.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean s3Put(FileSystem fs, Path target, byte[] content) throws IOException {
        if (!s3aUsesSdkV1()) {
            throw new IOException("exclusive-create mode 's3-conditional-put' needs Hadoop 3.4.2 or later, or Hadoop 3.3 with the AWS SDK v1 "
                    + "(com.amazonaws:aws-java-sdk-s3, which its hadoop-aws uses) on the classpath; this is Hadoop "
                    + org.apache.hadoop.util.VersionInfo.getVersion() + ". Cannot create " + target);
        }
        return S3ConditionalPut.create(fs, target, content);
    }

    /** Where a file is written in full before it takes {@code target}'s name. */
    static Path temporarySibling(Path target) {
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
