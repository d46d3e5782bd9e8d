package io.millrace.tasks.scripts;

import io.millrace.model.LogLevel;
import io.millrace.model.execution.MetricEntry;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.tasks.WorkerFixture;
import io.millrace.tasks.WorkerFixture.Attempt;
import io.millrace.tasks.WorkerFixture.Running;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CommandsTest {

    @TempDir
    Path workRoot;

    @TempDir
    Path scratch;

    private WorkerFixture worker;

    @BeforeEach
    void setUp() {
        worker = new WorkerFixture(workRoot);
    }

    @AfterEach
    void tearDown() {
        worker.close();
    }

    @Test
    void stdout_lines_are_info_logs_and_stderr_lines_warn_logs() {
        Attempt attempt = worker.run("""
            id: hello
            type: io.kestra.plugin.scripts.shell.Commands
            commands:
              - echo "hello"
              - echo "careful" >&2
              - printf 'no newline at the end'
            """);

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(attempt.messages(LogLevel.INFO)).containsExactly("hello", "no newline at the end");
        assertThat(attempt.messages(LogLevel.WARN)).containsExactly("careful");
        assertThat(attempt.outputs()).isEqualTo(Map.of("exitCode", 0, "vars", Map.of()));
    }

    @Test
    void output_is_logged_while_the_process_runs() throws IOException {
        Path go = scratch.resolve("go");

        Running running = worker.start("""
            id: stream
            type: io.millrace.core.scripts.Commands
            env:
              GO_FILE: "%s"
            commands:
              - echo "waiting"
              - while [ ! -f "$GO_FILE" ]; do sleep 0.05; done
              - echo "released"
            """.formatted(go), Map.of());

        await().atMost(Duration.ofSeconds(5)).until(() -> running.attempt().messages().contains("waiting"));
        assertThat(running.isDone()).isFalse();
        Files.writeString(go, "");
        await().atMost(Duration.ofSeconds(5)).until(running::isDone);
        assertThat(running.join().messages(LogLevel.INFO)).containsExactly("waiting", "released");
    }

    @Test
    void long_lines_are_cut_and_crlf_endings_dropped() {
        Attempt attempt = worker.run("""
            id: long_lines
            type: io.millrace.core.scripts.Commands
            commands:
              - head -c 10000 /dev/zero | tr '\\0' a; echo
              - printf 'one\\r\\ntwo\\r\\n'
            """);

        assertThat(attempt.messages(LogLevel.INFO)).containsExactly(
            "a".repeat(8192) + "… (1808 more characters)", "one", "two");
    }

    @Test
    void a_background_job_holding_the_output_does_not_hold_the_task() {
        String marker = HostProcesses.marker();
        long start = System.nanoTime();
        Attempt attempt = worker.run("""
            id: daemon
            type: io.millrace.core.scripts.Commands
            commands:
              - sleep %s &
              - echo started
            """.formatted(marker));

        try {
            assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
            // whether the pipe still looks open depends on a race inside the JDK, which closes a child's
            // pipes when it exits unless a read is in progress; when it does, a warning says so
            assertThat(attempt.messages(LogLevel.WARN)).isSubsetOf("the commands exited but a process they "
                + "started still holds their output; its further output is not logged");
        } finally {
            HostProcesses.running(marker).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void renders_commands_before_commands_and_env_from_variables() {
        Attempt attempt = worker.run("""
            id: templated
            type: io.millrace.core.scripts.Commands
            env:
              GREETING: "Hello {{ inputs.name }}"
            beforeCommands:
              - echo "before {{ execution.id }}"
            commands:
              - echo "$GREETING"
              - echo "count={{ inputs.count + 1 }}"
            """, Map.of("inputs", Map.of("name", "Ada", "count", 41), "execution", Map.of("id", "e-1")));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(attempt.messages(LogLevel.INFO)).containsExactly("before e-1", "Hello Ada", "count=42");
    }

    @Test
    void the_process_sees_a_minimal_environment_not_the_workers() {
        Attempt attempt = worker.run("""
            id: env
            type: io.millrace.core.scripts.Commands
            env:
              MY_VAR: mine
            commands:
              - env
            """);

        Set<String> names = attempt.messages(LogLevel.INFO).stream()
            .filter(line -> line.contains("="))
            .map(line -> line.substring(0, line.indexOf('=')))
            .collect(Collectors.toSet());
        // PWD, SHLVL and _ are set by the shell itself
        assertThat(names).contains("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "MY_VAR")
            .isSubsetOf("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "MY_VAR", "PWD", "SHLVL", "_", "OLDPWD");
        assertThat(attempt.messages()).contains("MY_VAR=mine");
        // the test JVM has more variables than that; none of them may leak
        assertThat(System.getenv().keySet()).anyMatch(name -> !names.contains(name));
    }

    @Test
    void env_values_and_commands_are_not_logged() {
        Attempt attempt = worker.run("""
            id: secret
            type: io.millrace.core.scripts.Commands
            logLevel: TRACE
            env:
              TOKEN: "{{ vars.token }}"
            commands:
              - test "$TOKEN" = "tok-98765"
              - echo "token checked"
            """, Map.of("vars", Map.of("token", "tok-98765")));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(attempt.messages()).contains("token checked").noneMatch(m -> m.contains("tok-98765"));
    }

    @Test
    void stops_at_the_first_failing_command_by_default() {
        Attempt attempt = worker.run("""
            id: strict
            type: io.millrace.core.scripts.Commands
            commands:
              - echo before
              - "false"
              - echo after
            """);

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(attempt.error()).isEqualTo("command exited with code 1");
        assertThat(attempt.messages(LogLevel.INFO)).containsExactly("before");
        assertThat(attempt.messages(LogLevel.ERROR)).containsExactly("command exited with code 1");
    }

    @Test
    void without_exit_on_failed_only_the_last_command_counts() {
        Attempt lastSucceeds = worker.run("""
            id: lenient
            type: io.millrace.core.scripts.Commands
            exitOnFailed: false
            commands:
              - "false"
              - echo after
            """);
        Attempt lastFails = worker.run("""
            id: lenient
            type: io.millrace.core.scripts.Commands
            exitOnFailed: false
            commands:
              - echo first
              - exit 3
            """);

        assertThat(lastSucceeds.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(lastSucceeds.messages(LogLevel.INFO)).containsExactly("after");
        assertThat(lastFails.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(lastFails.error()).isEqualTo("command exited with code 3");
    }

    @Test
    void warning_on_std_err_ends_in_warning() {
        String yaml = """
            id: noisy
            type: io.millrace.core.scripts.Commands
            warningOnStdErr: %s
            commands:
              - echo "deprecated flag" >&2
            """;

        Attempt warned = worker.run(yaml.formatted("true"));
        Attempt notWarned = worker.run(yaml.formatted("false"));
        Attempt quiet = worker.run("""
            id: quiet
            type: io.millrace.core.scripts.Commands
            warningOnStdErr: true
            commands:
              - echo fine
            """);

        assertThat(warned.status()).isEqualTo(TaskRunStatus.WARNING);
        assertThat(warned.outputs()).containsEntry("exitCode", 0);
        assertThat(notWarned.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(notWarned.messages(LogLevel.WARN)).containsExactly("deprecated flag");
        assertThat(quiet.status()).isEqualTo(TaskRunStatus.SUCCESS);
    }

    @Test
    void uses_the_given_interpreter() {
        Attempt attempt = worker.run("""
            id: traced
            type: io.millrace.core.scripts.Commands
            interpreter: ["/bin/sh", "-x", "-c"]
            exitOnFailed: false
            commands:
              - echo traced
            """);

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(attempt.messages(LogLevel.WARN)).containsExactly("+ echo traced");
        assertThat(attempt.messages(LogLevel.INFO)).containsExactly("traced");
    }

    @Test
    void outputs_lines_set_vars_and_are_not_logged() {
        Attempt attempt = worker.run("""
            id: outputs
            type: io.millrace.core.scripts.Commands
            commands:
              - echo '::{"outputs":{"test":"value","int":2,"nested":{"a":[1,2]}}}::'
              - echo '::{"outputs":{"int":3}}::'
              - echo '::{"outputs":{"bool":true}}::' >&2
              - echo "::not json::"
              - echo done
            """);

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(attempt.outputs()).containsEntry("vars", Map.of(
            "test", "value", "int", 3, "bool", true, "nested", Map.of("a", List.of(1, 2))));
        assertThat(attempt.messages(LogLevel.INFO)).containsExactly("::not json::", "done");
        assertThat(attempt.messages(LogLevel.WARN)).isEmpty();
    }

    @Test
    void metrics_lines_record_counters_and_timers() {
        Attempt attempt = worker.run("""
            id: metrics
            type: io.millrace.core.scripts.Commands
            commands:
              - echo '::{"metrics":[{"name":"rows","type":"counter","value":12,"tags":{"table":"orders"}},{"name":"load","type":"timer","value":2.5}]}::'
              - echo '::{"metrics":[{"name":"bad","type":"gauge","value":1}]}::'
            """);

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(attempt.metrics()).extracting(MetricEntry::name, MetricEntry::type, MetricEntry::value,
                MetricEntry::tags, MetricEntry::taskId)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("rows", "counter", 12.0, Map.of("table", "orders"), "metrics"),
                org.assertj.core.groups.Tuple.tuple("load", "timer", 2.5, Map.of(), "metrics"));
        assertThat(attempt.messages(LogLevel.WARN))
            .containsExactly("ignored metric 'bad': type must be counter or timer, got gauge");
    }

    @Test
    void logs_lines_write_log_entries_at_their_level() {
        Attempt attempt = worker.run("""
            id: logs
            type: io.millrace.core.scripts.Commands
            commands:
              - echo '::{"logs":[{"level":"ERROR","message":"disk almost full"}]}::'
            """);

        assertThat(attempt.messages(LogLevel.ERROR)).containsExactly("disk almost full");
    }

    @Test
    void output_files_are_exposed_as_file_uris_and_unmatched_patterns_warned() {
        Attempt attempt = worker.run("""
            id: files
            type: io.millrace.core.scripts.Commands
            outputFiles:
              - out.txt
              - "*.csv"
              - "{{ inputs.extra }}"
            commands:
              - echo 1 > out.txt
              - echo a > a.csv
              - echo b > b.csv
              - mkdir sub && echo c > sub/c.csv
            """, Map.of("inputs", Map.of("extra", "report.pdf")));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        @SuppressWarnings("unchecked")
        Map<String, String> files = (Map<String, String>) attempt.outputs().get("outputFiles");
        assertThat(files).containsOnlyKeys("out.txt", "a.csv", "b.csv");
        assertThat(files.get("out.txt")).startsWith(workRoot.toUri().toString()).endsWith("/out.txt");
        assertThat(attempt.messages(LogLevel.WARN)).containsExactly("outputFiles 'report.pdf' matched no file");
    }

    @Test
    void input_files_are_written_to_the_working_directory() {
        Attempt attempt = worker.run("""
            id: inputs
            type: io.millrace.core.scripts.Commands
            inputFiles:
              data/names.txt: |
                first={{ inputs.first }};
                second=Grace;
            commands:
              - wc -l < data/names.txt | tr -d ' '
              - head -n 1 data/names.txt
            """, Map.of("inputs", Map.of("first", "Ada")));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(attempt.messages(LogLevel.INFO)).containsExactly("2", "first=Ada;");
    }

    @Test
    void input_files_copy_internal_storage_files_of_the_namespace_only(@TempDir Path storageDir) throws Exception {
        io.millrace.storage.InternalStorage storage = new io.millrace.storage.LocalInternalStorage(storageDir);
        java.net.URI mine = io.millrace.storage.InternalStorage.inputFile("company.team", "flow", "exec-1", "data", "rows.csv");
        java.net.URI theirs = io.millrace.storage.InternalStorage.inputFile("other.team", "flow", "exec-9", "data", "rows.csv");
        storage.put(mine, new java.io.ByteArrayInputStream("a,b\n1,2\n".getBytes()));
        storage.put(theirs, new java.io.ByteArrayInputStream("secret\n".getBytes()));
        WorkerFixture withStorage = new WorkerFixture(workRoot, storage);

        Attempt read = withStorage.run("""
            id: copy
            type: io.millrace.core.scripts.Commands
            inputFiles:
              rows.csv: "{{ inputs.data }}"
            commands:
              - sed -n 2p rows.csv
            """, Map.of("inputs", Map.of("data", mine.toString())));
        assertThat(read.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(read.messages(LogLevel.INFO)).containsExactly("1,2");

        Attempt refused = withStorage.run("""
            id: copy
            type: io.millrace.core.scripts.Commands
            inputFiles:
              rows.csv: "{{ inputs.data }}"
            commands:
              - cat rows.csv
            """, Map.of("inputs", Map.of("data", theirs.toString())));
        assertThat(refused.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(refused.error()).contains("another namespace");
        assertThat(refused.messages(LogLevel.INFO)).isEmpty();
    }

    @Test
    void input_files_cannot_escape_the_working_directory() {
        Attempt attempt = worker.run("""
            id: escape
            type: io.millrace.core.scripts.Commands
            inputFiles:
              ../../evil.sh: "echo pwned"
            commands:
              - echo never
            """);

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(attempt.error()).isEqualTo("inputFiles name '../../evil.sh' must be a path inside the working directory");
        assertThat(attempt.messages(LogLevel.INFO)).isEmpty();
    }

    @Test
    void runs_in_a_private_working_directory_removed_afterwards() {
        Attempt attempt = worker.run("""
            id: where
            type: io.millrace.core.scripts.Commands
            timeout: PT10S
            commands:
              - pwd
              - cat
            """);

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        Path dir = Path.of(attempt.messages(LogLevel.INFO).getFirst());
        assertThat(dir.getParent()).isEqualTo(workRoot);
        assertThat(dir).doesNotExist();
    }

    @Test
    void a_kestra_process_task_runner_is_accepted_and_others_refused() {
        Attempt process = worker.run("""
            id: process
            type: io.kestra.plugin.scripts.shell.Commands
            taskRunner:
              type: io.kestra.plugin.core.runner.Process
            containerImage: ubuntu
            commands:
              - echo local
            """);
        Attempt docker = worker.run("""
            id: docker
            type: io.kestra.plugin.scripts.shell.Commands
            taskRunner:
              type: io.kestra.plugin.scripts.runner.docker.Docker
              pullPolicy: ALWAYS
            commands:
              - echo never
            """);

        assertThat(process.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(process.messages(LogLevel.WARN)).containsExactly(
            "containerImage 'ubuntu' is ignored: Millrace runs commands as local processes on the worker");
        assertThat(docker.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(docker.error()).isEqualTo("taskRunner type 'io.kestra.plugin.scripts.runner.docker.Docker' is not "
            + "supported: Millrace runs commands as local processes (io.kestra.plugin.core.runner.Process)");
    }

    @Test
    void empty_commands_fail() {
        Attempt attempt = worker.run("""
            id: nothing
            type: io.millrace.core.scripts.Commands
            commands: []
            """);

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(attempt.error()).isEqualTo("commands must list at least one command");
    }

    @Test
    void timeout_fails_fast_and_leaves_no_process_behind() {
        String marker = HostProcesses.marker();
        long start = System.nanoTime();
        Attempt attempt = worker.run("""
            id: slow
            type: io.millrace.core.scripts.Commands
            timeout: PT1S
            commands:
              - sleep %s &
              - wait
            """.formatted(marker));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(attempt.error()).isEqualTo("timed out after PT1S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        // the shell (its script names the marker too) and its child
        assertThat(HostProcesses.running(marker)).isEmpty();
    }

    @Test
    void kill_ends_killed_and_leaves_no_process_behind() {
        String marker = HostProcesses.marker();
        Running running = worker.start("""
            id: long
            type: io.millrace.core.scripts.Commands
            commands:
              - sh -c 'sleep %s' &
              - echo started
              - wait
            """.formatted(marker), Map.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> running.attempt().messages(LogLevel.INFO).contains("started"));
        assertThat(HostProcesses.running(marker)).isNotEmpty();

        running.kill();

        await().atMost(Duration.ofSeconds(4)).until(running::isDone);
        assertThat(running.join().status()).isEqualTo(TaskRunStatus.KILLED);
        assertThat(HostProcesses.running(marker)).isEmpty();
    }
}
