package io.azof.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's raw local file system, setting permissions in-process. Hadoop's own, without its native library (the usual
 * case in a Spark executor or a plain JVM), starts a {@code chmod} process for every file it creates, costing
 * milliseconds each: thousands per large merge that spills, and one per manifest a format version 3 commit writes. On a
 * file system without POSIX permissions it falls back to Hadoop's way.
 */
public final class InProcessPermissionsFileSystem extends RawLocalFileSystem {
    @Override
    public void setPermission(Path path, FsPermission permission) throws IOException {
        try {
            Files.setPosixFilePermissions(pathToFile(path).toPath(), PosixFilePermissions.fromString(permission.toString()));
        } catch (UnsupportedOperationException e) {
            super.setPermission(path, permission);
        }
    }
}
