package io.azof.cli;

import io.azof.core.Table;
import io.azof.core.commit.CommitResult;
import io.azof.core.io.HadoopStorage;
import io.azof.core.layout.SegmentGranularity;
import io.azof.core.maintenance.LegacyTableUpgrade.Conflict;
import io.azof.core.maintenance.LegacyTableUpgrade;
import io.azof.core.metadata.TableDefinition;
import io.azof.core.time.Micros;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "upgrade",
        mixinStandardHelpOptions = true,
        description = {
                "Rewrites an azof 0.2.1 table as version 1 of a new table in the fast layout (format version 3: sorted, "
                        + "bucketed files read in parallel), keeping its whole event-time history.",
                "The new table holds one record per key and event time of the source; where several files hold a row with "
                        + "the same key and event time, it keeps the row a read as of that event time returns. Every as-of read "
                        + "of the new table then returns what the source returns (see the warnings for the two exceptions a "
                        + "source can hold). The source is not changed.",
                "The source's records are held in memory.",
                "With --in-place, upgrades a format version 2 table to format version 3 in place instead: one commit that "
                        + "writes the latest version's file listing as manifests and reads, writes or moves no data file. "
                        + "Earlier versions stay readable; readers that know only format version 2 refuse the new versions."
        })
final class UpgradeCommand implements Callable<Integer> {
    private static final Pattern URI_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
    private static final int CONFLICTS_SHOWN = 3;

    @Parameters(index = "0", paramLabel = "<source>", description = "The azof 0.2.1 table (with --in-place, the format version 2"
            + " table): a directory or a Hadoop URI (hdfs://, s3a://, file:).")
    private String source;

    /** Optional for picocli, so that --in-place can go without it; {@link #call} requires it otherwise. */
    @Parameters(index = "1", arity = "0..1", paramLabel = "<target>", description = "Where to create the new table; must not hold a table."
            + " Not given with --in-place.")
    private String target;

    @Option(names = "--in-place",
            description = "Upgrade the format version 2 table <source> itself to format version 3, in one commit; a table at format"
                    + " version 3 already is left as it is.")
    private boolean inPlace;

    @Option(names = "--segment-granularity", paramLabel = "<granularity>", defaultValue = "month",
            description = "day, month, quarter or year: how event time is cut into segments (default: ${DEFAULT-VALUE}).")
    private String granularity;

    @Option(names = "--buckets", paramLabel = "<n>", defaultValue = "4",
            description = "Key-hash buckets, 1 to 4096: files per segment and read parallelism (default: ${DEFAULT-VALUE}).")
    private int buckets;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (inPlace) {
            return upgradeInPlace();
        }
        if (target == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: '<target>'");
        }
        SegmentGranularity segmentGranularity = SegmentGranularity.parse("--segment-granularity", granularity);
        HadoopStorage storage = new HadoopStorage(localConfiguration());
        LegacyTableUpgrade.Result result = Table.forPath(storage, location(source))
                .newUpgrade(Table.forPath(storage, location(target)))
                .granularity(segmentGranularity)
                .buckets(buckets)
                .commit();

        PrintWriter out = spec.commandLine().getOut();
        out.printf("Upgraded %s (azof 0.2.1, version %d) to %s%n", result.source(), result.sourceVersion(), result.target());
        out.printf("  read     %d rows from %d data files%n", result.rowsRead(), result.filesRead());
        out.printf("  records  %d (one per key and event time; %d repeated rows merged)%n", result.records(), result.duplicateRows());
        out.printf("  keys     %d%n", result.keys());
        out.printf("  files    %d (segment granularity %s, %d buckets)%n", result.filesWritten(), segmentGranularity.jsonName(), buckets);
        out.printf("  version  %d%n", result.version());
        out.flush();

        PrintWriter err = spec.commandLine().getErr();
        if (!result.conflicts().isEmpty()) {
            err.printf("azof upgrade: warning: %d key and event time pairs have different rows in the source; the new table keeps"
                    + " the row a read as of that event time returns, so later reads of those keys may differ from the source's"
                    + " until the key's next record:%n", result.conflicts().size());
            for (Conflict conflict : result.conflicts().subList(0, Math.min(CONFLICTS_SHOWN, result.conflicts().size()))) {
                err.printf("  %s%n", conflict);
            }
            if (result.conflicts().size() > CONFLICTS_SHOWN) {
                err.printf("  and %d more%n", result.conflicts().size() - CONFLICTS_SHOWN);
            }
        }
        if (result.recordsBeforeFirstSegment() > 0) {
            err.printf("azof upgrade: warning: %d records have event times before the source's first segment starts (%s); the source"
                    + " returns nothing as of a time before that start, the new table shows them from their own event times%n",
                    result.recordsBeforeFirstSegment(), Micros.toInstant(result.firstSegmentStartMicros()));
        }
        err.flush();
        return 0;
    }

    /**
     * {@code --in-place}: {@link Table#newFormatUpgrade()} on the source, one line saying the version it committed or that
     * there was nothing to do. The layout options do not apply: the data files stay as they are.
     */
    private int upgradeInPlace() {
        if (target != null) {
            throw new ParameterException(spec.commandLine(), "--in-place upgrades <source> itself; give no <target> (got '" + target + "')");
        }
        for (String layoutOption : List.of("--segment-granularity", "--buckets")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(layoutOption)) {
                throw new ParameterException(spec.commandLine(), layoutOption + " does not apply to --in-place, which keeps the table's"
                        + " data files and their layout as they are");
            }
        }
        Table table = Table.forPath(new HadoopStorage(localConfiguration()), location(source));
        // An azof 0.2.1 table is refused by the upgrade itself (LegacyTableException), printed as one line with exit 1.
        CommitResult result = table.newFormatUpgrade().commit();
        PrintWriter out = spec.commandLine().getOut();
        if (result.skipped()) {
            out.printf("Table %s is already at format version %d (version %d); nothing was committed%n", table.location(),
                    TableDefinition.MANIFEST_FORMAT, result.version());
        } else {
            out.printf("Upgraded %s in place to format version %d as version %d%n", table.location(), TableDefinition.MANIFEST_FORMAT,
                    result.version());
        }
        out.flush();
        return 0;
    }

    /** A URI (with a scheme) as given; anything else is a local path. */
    static String location(String argument) {
        if (URI_SCHEME.matcher(argument).matches() && !argument.matches("^[a-zA-Z]:\\\\.*")) {
            return argument;
        }
        return Path.of(argument).toAbsolutePath().normalize().toUri().toString();
    }

    /** The raw local file system writes no .crc side files next to the new table's files. */
    private static Configuration localConfiguration() {
        Configuration conf = new Configuration();
        conf.setClass("fs.file.impl", RawLocalFileSystem.class, FileSystem.class);
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return conf;
    }
}
