package io.azof.core.testing;

import io.azof.core.Table;
import io.azof.core.io.HadoopStorage;
import io.azof.core.io.HadoopTableStorage;
import io.azof.core.metadata.AutoCompaction;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/**
 * Tables in a local directory, reached as users reach them: through {@link HadoopStorage} on the directory's
 * {@code file:} URI. The directory need not exist yet (a table's first commit creates it).
 */
public final class TestTables {
    /**
     * No compaction after writes: for tests that count versions one per write, or that compact by hand. The property
     * models run with it on (SPEC section 6.8), so it is tested there.
     */
    public static final AutoCompaction NO_AUTO_COMPACTION = AutoCompaction.defaults().withEnabled(false);

    private TestTables() {
    }

    /** The storage of the table in {@code dir}, with Hadoop's default configuration. */
    public static HadoopTableStorage localStorage(Path dir) {
        return HadoopStorage.withDefaults().table(dir.toUri().toString());
    }

    /** The storage of the table in {@code dir}, with {@code conf} (for instance one loaded once for many tries). */
    public static HadoopTableStorage localStorage(Path dir, Configuration conf) {
        return new HadoopStorage(conf).table(dir.toUri().toString());
    }

    /** The table in {@code dir}, with Hadoop's default configuration. */
    public static Table localTable(Path dir) {
        return Table.forStorage(localStorage(dir));
    }
}
