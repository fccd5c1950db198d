package io.azof.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system, without its native library, forks a {@code chmod} process for every file and
 * directory it creates (two per data file, with the checksum file); in tests that write thousands of small
 * tables that costs more than everything they check. This one sets the same permissions in-process.
 */
public final class InProcessChmodFileSystem extends LocalFileSystem {
    public InProcessChmodFileSystem() {
        super(new RawLocalFileSystem() {
            @Override
            public void setPermission(org.apache.hadoop.fs.Path path, FsPermission permission) throws IOException {
                Files.setPosixFilePermissions(pathToFile(path).toPath(), PosixFilePermissions.fromString(permission.toString()));
            }
        });
    }

    /** A Hadoop configuration whose {@code file:} scheme is this file system, uncached so no other test gets it. */
    public static Configuration configuration() {
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", InProcessChmodFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return conf;
    }
}
