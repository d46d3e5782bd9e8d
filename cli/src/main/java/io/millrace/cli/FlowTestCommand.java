package io.millrace.cli;

import io.millrace.executor.local.FlowHarness;
import io.millrace.model.Flow;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.LogEntry;
import io.millrace.serde.FlowProblem;
import io.millrace.serde.FlowParser;
import io.millrace.secrets.SecretInputs;
import io.millrace.serde.Json;
import io.millrace.serde.ParseResult;
import io.millrace.template.EnvironmentSecrets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code millrace flow test FILE}: runs one execution of a flow in this process, through the real
 * orchestrator and real tasks, on the real clock; prints the final execution as JSON (Kestra's
 * shape) on stdout and its logs on stderr.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = {"Run a flow once in this process and print the final execution as JSON.",
        "Exit 0 when it ends in SUCCESS or WARNING, 1 otherwise."})
final class FlowTestCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The flow to run.")
    Path file;

    @Option(names = "--flows", paramLabel = "DIR",
        description = "A directory of flows the tested flow may start (Subflow); repeatable.")
    List<Path> flowDirs = List.of();

    @Option(names = {"-i", "--input"}, paramLabel = "NAME=VALUE",
        description = "An input value; @path gives a FILE input from a local file. Repeatable.")
    Map<String, String> inputs = new LinkedHashMap<>();

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT1H",
        description = "Give up after this long (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        FlowParser parser = new FlowParser();
        Flow flow = parse(parser, file, err);
        if (flow == null) {
            return 1;
        }
        try (FlowHarness harness = FlowHarness.builder()
            .secrets(new EnvironmentSecrets())
            .awaitTimeout(timeout)
            .onLog(entry -> printLog(err, entry))
            .build()) {
            for (Path f : FlowFiles.expand(flowDirs)) {
                Flow other = parse(parser, f, err);
                if (other != null) {
                    harness.deploy(other);
                }
            }
            harness.deploy(flow);
            Execution e = harness.await(harness.start(flow.namespace(), flow.id(), inputValues()));
            spec.commandLine().getOut().println(
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(SecretInputs.maskSealed(e.toApiJson())));
            if (!e.status().isTerminal()) {
                err.println("millrace: execution " + e.id() + " is " + e.status()
                    + " and nothing in this run can move it on");
            }
            return e.status() == ExecutionStatus.SUCCESS || e.status() == ExecutionStatus.WARNING ? 0 : 1;
        }
    }

    private Map<String, Object> inputValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        inputs.forEach((k, v) -> values.put(k, v.startsWith("@") ? Path.of(v.substring(1)).toAbsolutePath().toString() : v));
        return values;
    }

    private static Flow parse(FlowParser parser, Path path, PrintWriter err) {
        if (!Files.isRegularFile(path)) {
            err.println(path + ":1:1: no such file");
            return null;
        }
        ParseResult result = parser.validate(FlowFiles.read(path));
        for (FlowProblem p : result.problems()) {
            err.println(path + ":" + p.line() + ":" + p.column() + ": " + p.message());
        }
        return result.flow();
    }

    private static void printLog(PrintWriter err, LogEntry e) {
        synchronized (err) {
            err.printf("%s %-5s [%s%s] %s%n", e.timestamp(), e.level(), e.flowId(),
                e.taskId() == null ? "" : "/" + e.taskId(), e.message());
            err.flush();
        }
    }
}
