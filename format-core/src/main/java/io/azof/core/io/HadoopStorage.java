package io.azof.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/** {@link Storage} on Hadoop file systems (local, HDFS, S3A, ...), reached with one Hadoop configuration. */
public final class HadoopStorage implements Storage {
    private final Configuration conf;

    public HadoopStorage(Configuration conf) {
        this.conf = conf;
    }

    /**
     * Hadoop's default configuration: the local file system, and any other whose settings are on the classpath. Local
     * paths go through {@link InProcessLocalFileSystem}, which sets permissions without starting a process per file, and is
     * not cached, so that it never stands in for the local file system Hadoop's cache hands to other code.
     */
    public static HadoopStorage withDefaults() {
        Configuration conf = new Configuration();
        conf.setClass("fs.file.impl", InProcessLocalFileSystem.class, FileSystem.class);
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return new HadoopStorage(conf);
    }

    @Override
    public HadoopTableStorage table(String path) {
        try {
            return new HadoopTableStorage(path, conf);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach the file system of azof table " + path + ": " + e.getMessage(), e);
        }
    }
}
