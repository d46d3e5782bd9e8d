package io.millrace.cli;

import io.millrace.scheduler.SchedulerApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code millrace server scheduler}: the scheduler on its own, against a configured Kafka cluster. */
@Command(name = "scheduler", mixinStandardHelpOptions = true,
    description = {"Run the scheduler (the Kafka Streams application that fires schedules and polling triggers).",
        "Settings come from application.yaml, MILLRACE_* environment variables or --millrace.key=value arguments."})
final class ServerSchedulerCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,…]", description = "Kafka bootstrap servers.")
    String bootstrap;

    @Unmatched
    List<String> springArgs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return SpringService.run("scheduler", SchedulerApplication.class, bootstrap, springArgs, spec.commandLine().getOut());
    }
}
