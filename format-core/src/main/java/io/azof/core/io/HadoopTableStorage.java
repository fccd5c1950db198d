package io.azof.core.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;

/** {@link TableStorage} on a Hadoop {@link FileSystem}: local, HDFS, S3A or any other scheme Hadoop knows. */
public final class HadoopTableStorage implements TableStorage {
    /**
     * Names of temporary files: {@link #writeAll} and {@link ExclusiveCreate} write {@code _tmp.<name>.<uuid>}
     * beside the target. A process that dies between writing and renaming leaves one; vacuum removes them.
     */
    public static final String TEMPORARY_PREFIX = "_tmp.";

    private final Path root;
    private final Configuration conf;
    private final FileSystem fs;
    private final ExclusiveCreate exclusiveCreate;

    public HadoopTableStorage(String tablePath, Configuration conf) throws IOException {
        this.root = new Path(tablePath);
        this.conf = conf;
        this.fs = root.getFileSystem(conf);
        this.exclusiveCreate = ExclusiveCreate.forFileSystem(fs, conf);
    }

    @Override
    public String tableLocation() {
        return root.toString();
    }

    @Override
    public String location(String relativePath) {
        return resolve(relativePath).toString();
    }

    @Override
    public boolean exists(String relativePath) throws IOException {
        return fs.exists(resolve(relativePath));
    }

    @Override
    public byte[] readAll(String relativePath) throws IOException {
        try (InputStream in = fs.open(resolve(relativePath))) {
            return in.readAllBytes();
        }
    }

    @Override
    public InputFile inputFile(String relativePath) throws FileNotFoundException, IOException {
        return HadoopInputFile.fromPath(resolve(relativePath), conf);
    }

    @Override
    public OutputFile outputFile(String relativePath) throws IOException {
        return HadoopOutputFile.fromPath(resolve(relativePath), conf);
    }

    /**
     * Writes a temporary file and renames it over the target, so readers and concurrent writers never see
     * (or leave behind) a file torn between two contents, as rewriting in place would. The target never
     * goes missing on stores with an atomic replacing rename (local, HDFS) nor on S3, where it is written in place by
     * one upload (an S3 PUT replaces an object atomically): expiry relies on that when it
     * replaces a snapshot file by its stub, because a missing {@code s<N>.json} could be re-created by a
     * stale writer.
     */
    @Override
    public void writeAll(String relativePath, byte[] content) throws IOException {
        Path target = resolve(relativePath);
        if (replacesObjectsAtomically()) {
            // One PUT replaces an S3 object at once: readers see the old or the new content, and the key never goes
            // missing. S3A's rename would be a copy and a delete, during which the target is missing.
            try (OutputStream out = fs.create(target, true)) {
                out.write(content);
            }
            return;
        }
        Path temp = ExclusiveCreate.temporarySibling(target);
        try (OutputStream out = fs.create(temp, false)) {
            out.write(content);
        }
        try {
            if (!renameIfAbsent(temp, target) && !renameReplacing(temp, target)) {
                throw new IOException("Cannot replace " + target + " by " + temp);
            }
        } catch (IOException | RuntimeException e) {
            fs.delete(temp, false);
            throw e;
        }
    }

    /** S3 (through S3A): an upload replaces an object atomically, so writing in place is the atomic replace. */
    private boolean replacesObjectsAtomically() {
        return "s3a".equalsIgnoreCase(fs.getUri().getScheme());
    }

    /** A plain rename: replaces an existing target on local file systems; refuses one on HDFS, by result or (some stores) by exception. */
    private boolean renameIfAbsent(Path temp, Path target) throws IOException {
        try {
            return fs.rename(temp, target);
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        }
    }

    /**
     * For stores whose plain rename refuses an existing target (HDFS): {@link FileContext}'s rename with
     * {@link Options.Rename#OVERWRITE}, which HDFS performs atomically. Stores without a {@link FileContext}
     * binding fall back to delete then rename, during which the target is briefly missing.
     */
    private boolean renameReplacing(Path temp, Path target) throws IOException {
        FileContext context;
        try {
            context = FileContext.getFileContext(fs.getUri(), conf);
        } catch (UnsupportedFileSystemException e) {
            fs.delete(target, false);
            return fs.rename(temp, target);
        }
        context.rename(temp, target, Options.Rename.OVERWRITE);
        return true;
    }

    @Override
    public boolean createIfAbsent(String relativePath, byte[] content) throws IOException {
        return exclusiveCreate.create(fs, resolve(relativePath), content);
    }

    @Override
    public List<String> list(String relativeDir) throws IOException {
        Path dir = relativeDir.isEmpty() ? root : resolve(relativeDir);
        try {
            List<String> names = new ArrayList<>();
            for (FileStatus status : fs.listStatus(dir)) {
                names.add(status.getPath().getName());
            }
            return names;
        } catch (FileNotFoundException e) {
            return List.of();
        }
    }

    @Override
    public List<FileEntry> listFilesRecursively(String relativeDir) throws IOException {
        Path dir = relativeDir.isEmpty() ? root : resolve(relativeDir);
        String rootPath = fs.makeQualified(root).toUri().getPath();
        String prefix = rootPath.endsWith("/") ? rootPath : rootPath + "/";
        List<FileEntry> files = new ArrayList<>();
        try {
            RemoteIterator<LocatedFileStatus> statuses = fs.listFiles(dir, true);
            while (statuses.hasNext()) {
                LocatedFileStatus status = statuses.next();
                String path = status.getPath().toUri().getPath();
                if (!path.startsWith(prefix)) {
                    throw new IOException("Listing " + dir + " returned " + status.getPath() + ", which is outside the table " + root);
                }
                files.add(new FileEntry(path.substring(prefix.length()), status.getLen(), status.getModificationTime()));
            }
        } catch (FileNotFoundException e) {
            return List.of();
        }
        return files;
    }

    @Override
    public long sizeOf(String relativePath) throws IOException {
        return fs.getFileStatus(resolve(relativePath)).getLen();
    }

    @Override
    public void delete(String relativePath) throws IOException {
        fs.delete(resolve(relativePath), false);
    }

    private Path resolve(String relativePath) {
        return new Path(root, relativePath);
    }
}
