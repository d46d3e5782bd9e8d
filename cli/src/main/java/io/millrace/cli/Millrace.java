package io.millrace.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code millrace} command: entry point of the command line. */
@Command(name = "millrace", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Millrace: Kafka-native workflow orchestration.",
    subcommands = {FlowCommand.class, ServerCommand.class, SecurityCommand.class, io.millrace.cli.bench.BenchCommand.class,
        CommandLine.HelpCommand.class})
public final class Millrace {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        return new CommandLine(new Millrace())
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setExecutionExceptionHandler((ex, cmd, parsed) -> {
                String line = FailureLine.of(ex);
                cmd.getErr().println("millrace: " + (line == null ? ex.toString() : line));
                // a failure without a message is a bug: its trace is what a report needs
                if (line == null || System.getenv("MILLRACE_DEBUG") != null) {
                    ex.printStackTrace(cmd.getErr());
                }
                cmd.getErr().flush();
                return 2;
            });
    }
}
