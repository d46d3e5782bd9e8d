package io.millrace.cli;

import picocli.CommandLine.Command;

/** {@code millrace server …}: run Millrace services. */
@Command(name = "server", description = "Run Millrace services.", mixinStandardHelpOptions = true,
    subcommands = {ServerStandaloneCommand.class, ServerExecutorCommand.class, ServerWorkerCommand.class, ServerSchedulerCommand.class,
        ServerKafkaCommand.class})
final class ServerCommand {
}
