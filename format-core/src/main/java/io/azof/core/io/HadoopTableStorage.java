package io.azof.core.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;

/** {@link TableStorage} on a Hadoop {@link FileSystem}: local, HDFS, S3A or any other scheme Hadoop knows. */
public final class HadoopTableStorage implements TableStorage {
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
     * (or leave behind) a file torn between two contents, as rewriting in place would.
     */
    @Override
    public void writeAll(String relativePath, byte[] content) throws IOException {
        Path target = resolve(relativePath);
        Path temp = new Path(target.getParent(), "_tmp." + target.getName() + "." + UUID.randomUUID());
        try (OutputStream out = fs.create(temp, false)) {
            out.write(content);
        }
        if (!fs.rename(temp, target)) {
            // Stores whose rename refuses an existing target (HDFS): replace in two steps.
            fs.delete(target, false);
            if (!fs.rename(temp, target)) {
                fs.delete(temp, false);
                throw new IOException("Cannot replace " + target);
            }
        }
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
