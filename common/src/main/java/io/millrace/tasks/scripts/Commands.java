package io.millrace.tasks.scripts;

import io.millrace.storage.InternalStorage;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.tasks.RunContext;
import io.millrace.tasks.RunnableTask;
import io.millrace.tasks.Task;
import io.millrace.tasks.TaskFailure;
import io.millrace.tasks.TaskOutcome;
import io.millrace.tasks.scripts.StreamedProcess.Stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs shell commands as a local process in the attempt's working directory. The commands (after
 * {@code beforeCommands}) form one script given to the interpreter; its output is logged line by
 * line while it runs (stdout INFO, stderr WARN), {@code ::{...}::} lines set outputs and metrics,
 * and a non-zero exit fails the task. The process sees a minimal environment plus {@code env},
 * never the worker's own (which may hold secrets). The commands run in a process group of their own
 * (Linux) and, where the host allows it, in a PID namespace of their own, which are killed when the task
 * ends however it ends; see docs/worker.md for what this isolation gives and what it does not.
 */
@Plugin(id = "io.millrace.core.scripts.Commands",
    aliases = {"io.kestra.plugin.scripts.shell.Commands"},
    title = "Run shell commands in a local process, streaming their output to the logs.",
    example = """
        id: count_lines
        type: io.millrace.core.scripts.Commands
        env:
          SOURCE: "{{ inputs.url }}"
        commands:
          - curl -sf "$SOURCE" -o data.csv
          - echo "::{\\"outputs\\":{\\"lines\\":$(wc -l < data.csv)}}::"
        """)
public final class Commands extends Task implements RunnableTask {

    /** The only task runner Millrace has: a process on the worker's host. */
    static final String PROCESS_RUNNER = "io.kestra.plugin.core.runner.Process";
    static final List<String> DEFAULT_INTERPRETER = List.of("/bin/sh", "-c");
    /** Longest log line written for one line of output. */
    static final int MAX_LOGGED_LINE = 8192;

    @Prop(value = "The commands, run in order by one interpreter process.", required = true, dynamic = true)
    private List<String> commands;

    @Prop(value = "Commands run before commands, in the same process (e.g. to install a tool).", dynamic = true)
    private List<String> beforeCommands;

    @Prop("The interpreter and its arguments; the script is passed as the last argument "
        + "(default [\"/bin/sh\", \"-c\"]).")
    private List<String> interpreter;

    @Prop(value = "Environment variables of the process, added to PATH, LANG and LC_ALL taken from the worker and HOME "
        + "and TMPDIR set to the working directory; nothing else of the worker's environment is passed.",
        dynamic = true)
    private Map<String, Object> env;

    @Prop("Stop at the first failing command (default true). This prepends 'set -e' to the script, so the "
        + "interpreter must be a POSIX shell; when false, only the last command's exit code counts.")
    private Boolean exitOnFailed;

    @Prop("End in WARNING when the commands write anything to stderr (default false).")
    private Boolean warningOnStdErr;

    @Prop(value = "Files written to the working directory before the commands run: relative path → text content, or a millrace:/// URI (a FILE input) whose file is copied.",
        dynamic = true)
    private Map<String, Object> inputFiles;

    @Prop(value = "Names or globs of files the commands create in the working directory, exposed as "
        + "outputs.<id>.outputFiles (path → file: URI on the worker).", dynamic = true)
    private List<String> outputFiles;

    @Prop("Accepted for Kestra flows: only type io.kestra.plugin.core.runner.Process (a local process) is supported.")
    private Map<String, Object> taskRunner;

    @Prop("Accepted for Kestra flows and ignored with a warning: commands run on the worker, not in a container.")
    private String containerImage;

    @Override
    public TaskOutcome run(RunContext context) throws IOException, InterruptedException {
        checkRunner();
        if (containerImage != null) {
            context.logger().warn("containerImage '" + containerImage + "' is ignored: Millrace runs commands as "
                + "local processes on the worker");
        }
        List<String> command = new ArrayList<>(interpreter == null || interpreter.isEmpty()
            ? DEFAULT_INTERPRETER : interpreter);
        command.add(script(context));
        Path workDir = context.workingDirectory();
        writeInputFiles(context, workDir);

        Map<String, String> environment = ProcessEnvironment.minimal(workDir);
        context.renderMap(env).forEach((k, v) -> environment.put(k, v == null ? "" : String.valueOf(v)));
        String runAs = context.commandsRunAs();
        if (runAs != null) {
            handOver(workDir, runAs);
        }

        CommandLauncher.Launch launch = CommandLauncher.launch(command, workDir, environment, runAs,
            context.commandsPidNamespace());
        StreamedProcess process = StreamedProcess.start(launch.builder(), launch.ownGroup());
        context.logger().debug("started " + command.getFirst() + " with pid " + process.pid());
        OutputLogger output = new OutputLogger(context);
        StreamedProcess.Exit exit = process.await(output);
        if (exit.outputLeftOpen()) {
            context.logger().warn("the commands exited but a process they started still holds their output; "
                + "its further output is not logged");
        }
        if (exit.code() != 0) {
            throw new TaskFailure("command exited with code " + exit.code());
        }

        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("exitCode", exit.code());
        outputs.put("vars", output.messages.vars());
        if (outputFiles != null && !outputFiles.isEmpty()) {
            outputs.put("outputFiles", findOutputFiles(context, workDir));
        }
        TaskOutcome outcome = TaskOutcome.of(outputs);
        return output.wroteStdErr && Boolean.TRUE.equals(warningOnStdErr) ? outcome.asWarning() : outcome;
    }

    /** Turns the process's lines into messages, or log lines (stdout INFO, stderr WARN). */
    private static final class OutputLogger implements StreamedProcess.LineHandler {
        private final RunContext context;
        private final ScriptMessages messages;
        private boolean wroteStdErr;

        OutputLogger(RunContext context) {
            this.context = context;
            this.messages = new ScriptMessages(context);
        }

        @Override
        public void line(Stream stream, String text) {
            if (messages.accept(text)) {
                return;
            }
            String logged = text.length() <= MAX_LOGGED_LINE ? text
                : text.substring(0, MAX_LOGGED_LINE) + "… (" + (text.length() - MAX_LOGGED_LINE) + " more characters)";
            if (stream == Stream.STDERR) {
                wroteStdErr = true;
                context.logger().warn(logged);
            } else {
                context.logger().info(logged);
            }
        }
    }

    /**
     * Gives the working directory (and the input files in it) to the user the commands run as, when the
     * worker may (as root); otherwise that user needs write access by other means (see docs/worker.md).
     */
    private static void handOver(Path workDir, String user) throws IOException {
        java.nio.file.attribute.UserPrincipal owner;
        try {
            owner = workDir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        } catch (IOException | UnsupportedOperationException e) {
            throw new TaskFailure("cannot run commands as user '" + user + "': no such user");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(workDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.setOwner(file, owner);
            }
        }
    }

    private void checkRunner() {
        Object type = taskRunner == null ? null : taskRunner.get("type");
        if (taskRunner != null && !PROCESS_RUNNER.equals(type)) {
            throw new TaskFailure("taskRunner type '" + type + "' is not supported: Millrace runs commands as local "
                + "processes (" + PROCESS_RUNNER + ")");
        }
    }

    private String script(RunContext context) {
        if (commands == null || commands.isEmpty()) {
            throw new TaskFailure("commands must list at least one command");
        }
        List<String> lines = new ArrayList<>();
        if (exitOnFailed == null || exitOnFailed) {
            lines.add("set -e");
        }
        if (beforeCommands != null) {
            beforeCommands.forEach(c -> lines.add(context.render(c)));
        }
        commands.forEach(c -> lines.add(context.render(c)));
        return String.join("\n", lines);
    }

    private void writeInputFiles(RunContext context, Path workDir) throws IOException {
        for (Map.Entry<String, Object> file : context.renderMap(inputFiles).entrySet()) {
            Path target = workDir.resolve(file.getKey()).normalize();
            if (!target.startsWith(workDir) || target.equals(workDir)) {
                throw new TaskFailure("inputFiles name '" + file.getKey() + "' must be a path inside the working "
                    + "directory");
            }
            Files.createDirectories(target.getParent());
            String value = file.getValue() == null ? "" : String.valueOf(file.getValue());
            if (value.startsWith(InternalStorage.SCHEME + ":///")) {
                // a file of internal storage (a FILE input, say): its content, not its address
                try (java.io.InputStream in = context.openFile(java.net.URI.create(value.strip()))) {
                    Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException | IllegalArgumentException e) {
                    throw new TaskFailure("inputFiles '" + file.getKey() + "': " + e.getMessage());
                }
            } else {
                Files.writeString(target, value);
            }
        }
    }

    private Map<String, String> findOutputFiles(RunContext context, Path workDir) throws IOException {
        List<String> patterns = outputFiles.stream().map(context::render).toList();
        OutputFiles.Found found;
        try {
            found = OutputFiles.find(workDir, patterns);
        } catch (IllegalArgumentException e) {
            throw new TaskFailure("outputFiles has an invalid glob: " + e.getMessage());
        }
        found.unmatched().forEach(p -> context.logger().warn("outputFiles '" + p + "' matched no file"));
        return found.files();
    }
}
