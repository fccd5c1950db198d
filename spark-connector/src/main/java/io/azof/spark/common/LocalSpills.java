package io.azof.spark.common;

import io.azof.core.scan.BoundedRuns;
import java.nio.file.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.util.Utils;

/** Where merges on executors spill the runs they pre-merge (SPEC section 6.4). */
public final class LocalSpills {
    private LocalSpills() {
    }

    /** The executor's local directory ({@code spark.local.dir}), where Spark spills too; the JVM's temporary directory outside Spark. */
    public static Path root() {
        SparkEnv env = SparkEnv.get();
        return env == null ? BoundedRuns.defaultSpillRoot() : Path.of(Utils.getLocalDir(env.conf()));
    }
}
