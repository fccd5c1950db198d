package io.azof.cli;

import io.azof.core.exceptions.AzofException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "azof",
        mixinStandardHelpOptions = true,
        version = "azof-cli 0.1.0",
        description = "Command-line tools for azof tables.",
        subcommands = {GenCommand.class, UpgradeCommand.class, ValidateCommand.class, CommandLine.HelpCommand.class})
public final class AzofCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with its error handling: problems with the input (a bad CSV, a missing file, invalid
     * metadata, an unreadable directory) print one message and exit with 1; anything else is a bug and keeps
     * its stack trace.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new AzofCli());
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            String message;
            if (e instanceof CsvDataException || e instanceof AzofException) {
                message = e.getMessage();
            } else if (e instanceof UncheckedIOException io) {
                message = io.getMessage() + ": " + io.getCause().getMessage();
            } else {
                throw e;
            }
            cl.getErr().println(cl.getColorScheme().errorText("azof " + cl.getCommandName() + ": " + message));
            return 1;
        });
        return commandLine;
    }
}
