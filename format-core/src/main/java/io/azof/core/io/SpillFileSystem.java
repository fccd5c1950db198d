package io.azof.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * The local file system reads spill their runs to. Hadoop's, without its native library (the usual case in a Spark
 * executor), starts a {@code chmod} process for every file it creates: thousands per large merge, each costing
 * milliseconds. This one sets the same permissions in-process; on a file system without POSIX permissions it falls back
 * to Hadoop's way.
 */
public final class SpillFileSystem extends RawLocalFileSystem {
    @Override
    public void setPermission(Path path, FsPermission permission) throws IOException {
        try {
            Files.setPosixFilePermissions(pathToFile(path).toPath(), PosixFilePermissions.fromString(permission.toString()));
        } catch (UnsupportedOperationException e) {
            super.setPermission(path, permission);
        }
    }
}
