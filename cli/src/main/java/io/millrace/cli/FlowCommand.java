package io.millrace.cli;

import picocli.CommandLine.Command;

/** {@code millrace flow …}: work with flow files. */
@Command(name = "flow", description = "Validate and test flows.", mixinStandardHelpOptions = true,
    subcommands = {FlowValidateCommand.class, FlowTestCommand.class})
final class FlowCommand {
}
