package io.millrace.cli;

import io.millrace.worker.WorkerApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code millrace server worker}: a worker on its own, against a configured Kafka cluster. */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {"Run a worker (a member of the group that runs tasks).",
        "Settings come from application.yaml, MILLRACE_* environment variables or --millrace.key=value arguments."})
final class ServerWorkerCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,…]", description = "Kafka bootstrap servers.")
    String bootstrap;

    @Unmatched
    List<String> springArgs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return SpringService.run("worker", WorkerApplication.class, bootstrap, springArgs, spec.commandLine().getOut());
    }
}
