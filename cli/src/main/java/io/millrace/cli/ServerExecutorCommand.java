package io.millrace.cli;

import io.millrace.executor.ExecutorApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code millrace server executor}: the executor on its own, against a configured Kafka cluster. */
@Command(name = "executor", mixinStandardHelpOptions = true,
    description = {"Run the executor (the Kafka Streams application that owns execution state).",
        "Settings come from application.yaml, MILLRACE_* environment variables or --millrace.key=value arguments."})
final class ServerExecutorCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,…]", description = "Kafka bootstrap servers.")
    String bootstrap;

    @Unmatched
    List<String> springArgs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return SpringService.run("executor", ExecutorApplication.class, bootstrap, springArgs, spec.commandLine().getOut());
    }
}
