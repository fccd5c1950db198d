package io.azof.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;

/** {@link Storage} on Hadoop file systems (local, HDFS, S3A, ...), reached with one Hadoop configuration. */
public final class HadoopStorage implements Storage {
    private final Configuration conf;

    public HadoopStorage(Configuration conf) {
        this.conf = conf;
    }

    /** Hadoop's default configuration: the local file system, and any other whose settings are on the classpath. */
    public static HadoopStorage withDefaults() {
        return new HadoopStorage(new Configuration());
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
