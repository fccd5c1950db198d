package io.azof.cli;

import io.azof.core.io.HadoopTableStorage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "gen",
        mixinStandardHelpOptions = true,
        description = {
                "Writes the Parquet data files of azof tables from CSVs, like azof 0.2.1's gen tool.",
                "For every data file <name>.parquet the table's current snapshot references, reads <name>.csv "
                        + "(no header; key,event_time,payload columns in schema order) and writes <name>.parquet."
        })
final class GenCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "<tableDir>", description = "Table directories (holding version.txt and s<N>.json).")
    private List<Path> tableDirs;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Configuration conf = localConfiguration();
        for (Path dir : tableDirs) {
            var storage = new HadoopTableStorage(dir.toAbsolutePath().normalize().toUri().toString(), conf);
            for (TableGenerator.GeneratedFile file : TableGenerator.generate(storage)) {
                out.printf("%s: wrote %s (%d rows)%n", dir, file.file(), file.rows());
            }
        }
        out.flush();
        return 0;
    }

    /** The raw local file system writes no .crc side files, which would otherwise litter the table directories. */
    private static Configuration localConfiguration() {
        Configuration conf = new Configuration();
        conf.setClass("fs.file.impl", RawLocalFileSystem.class, FileSystem.class);
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return conf;
    }
}
