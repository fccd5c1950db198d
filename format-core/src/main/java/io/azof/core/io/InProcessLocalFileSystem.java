package io.azof.core.io;

import org.apache.hadoop.fs.LocalFileSystem;

/**
 * Hadoop's checksummed local file system over {@link InProcessPermissionsFileSystem}: what {@link HadoopStorage#withDefaults()}
 * reaches {@code file:} paths with.
 */
public final class InProcessLocalFileSystem extends LocalFileSystem {
    public InProcessLocalFileSystem() {
        super(new InProcessPermissionsFileSystem());
    }
}
