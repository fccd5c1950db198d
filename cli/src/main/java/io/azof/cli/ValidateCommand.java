package io.azof.cli;

import io.azof.core.Table;
import io.azof.core.io.HadoopStorage;
import io.azof.core.maintenance.ValidationReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = {
                "Checks an azof table (azof 0.2.1 or format version 2) and lists every problem with where it is: the "
                        + "snapshots and version.txt, the segment tree, and every data file the retained snapshots "
                        + "reference (present, size, Parquet footer, columns, statistics). Never changes the table.",
                "Exits with 0 when the table is valid (warnings allowed) and 1 when there are errors."
        })
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<table>", description = "The table: a directory or a Hadoop URI (hdfs://, s3a://, file:).")
    private String table;

    @Option(names = "--deep",
            description = "Also read every record of every data file: sort order, buckets, exact statistics, nulls.")
    private boolean deep;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Table azofTable = Table.forPath(HadoopStorage.withDefaults(), UpgradeCommand.location(table));
        ValidationReport report = azofTable.validate(deep);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Table %s%s%n", azofTable.location(), deep ? " (deep: every record read)" : "");
        out.println(report);
        out.flush();
        return report.isValid() ? 0 : 1;
    }
}
