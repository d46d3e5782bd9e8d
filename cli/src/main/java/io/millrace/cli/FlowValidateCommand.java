package io.millrace.cli;

import io.millrace.serde.FlowParser;
import io.millrace.serde.FlowProblem;
import io.millrace.serde.ParseResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code millrace flow validate PATH…}: checks flow files; prints {@code file:line:col: message} per problem. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check flow files (or directories of them). Exit 1 if any has a problem.")
final class FlowValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Flow files or directories.")
    List<Path> paths;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        FlowParser parser = new FlowParser();
        int bad = 0;
        int count = 0;
        for (Path file : FlowFiles.expand(paths)) {
            count++;
            if (!Files.isRegularFile(file)) {
                spec.commandLine().getErr().println(file + ":1:1: no such file");
                bad++;
                continue;
            }
            ParseResult result = parser.validate(FlowFiles.read(file));
            for (FlowProblem p : result.problems()) {
                spec.commandLine().getErr().println(file + ":" + p.line() + ":" + p.column() + ": "
                    + (p.path() == null || p.path().isEmpty() ? "" : p.path() + ": ") + p.message());
            }
            if (!result.problems().isEmpty()) {
                bad++;
            }
        }
        spec.commandLine().getOut().println(count - bad + " valid, " + bad + " invalid");
        return bad == 0 ? 0 : 1;
    }
}
