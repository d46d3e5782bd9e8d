package io.millrace.tasks.scripts;

import io.millrace.model.LogLevel;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.runtime.RunnerSettings;
import io.millrace.tasks.WorkerFixture;
import io.millrace.tasks.WorkerFixture.Attempt;
import io.millrace.tasks.WorkerFixture.Running;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

/**
 * Real processes on Linux: each Commands task runs in a process group of its own and, where the host allows it, a
 * PID namespace of its own, that are gone once the task ends, however it ends; its commands see neither the
 * worker's environment nor, through their parent, its /proc entry. The tests that hold with and without the
 * namespace run both ways ({@code millrace.worker.commands.pid-namespace} on and off); those of the namespace alone
 * are skipped where the host forbids namespaces.
 */
@EnabledOnOs(OS.LINUX)
class CommandsIsolationSecurityTest {

    /** Set in the test JVM's environment by the build, like a credential in a worker's. */
    private static final String SECRET_NAME = "MILLRACE_TEST_WORKER_SECRET";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    @TempDir
    Path workRoot;

    private WorkerFixture worker;

    @BeforeEach
    void setUp() {
        assumeThat(CommandLauncher.SETSID).as("setsid is installed").isPresent();
    }

    @AfterEach
    void tearDown() {
        if (worker != null) {
            worker.close();
        }
    }

    /** A worker whose commands run in a PID namespace (skipping the test where there is none), or never. */
    private WorkerFixture worker(boolean pidNamespace) throws InterruptedException {
        if (pidNamespace) {
            assumeTrue(PidNamespace.available(!ROOT), "this host allows PID namespaces");
        }
        worker = new WorkerFixture(new RunnerSettings("worker-test", Map.of(), workRoot, Clock.systemUTC(), null)
            .withCommandsPidNamespace(pidNamespace));
        return worker;
    }

    @ParameterizedTest(name = "pid namespace: {0}")
    @ValueSource(booleans = {true, false})
    void background_jobs_do_not_outlive_a_task_that_succeeded(boolean pidNamespace) throws InterruptedException {
        String marker = HostProcesses.marker();
        Attempt attempt = worker(pidNamespace).run("""
            id: daemons
            type: io.millrace.core.scripts.Commands
            commands:
              - echo "group $(cut -d' ' -f5 /proc/$$/stat)"
              - sleep %1$s &
              - nohup sleep %1$s > /dev/null 2>&1 &
              - (trap '' TERM; sleep %1$s) > /dev/null 2>&1 &
              - echo started
            """.formatted(marker));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(HostProcesses.running(marker)).isEmpty();
        if (!pidNamespace) {
            long group = group(attempt);
            assertThat(group).isNotEqualTo(jvmGroup());
            assertThat(ProcessTree.groupMembers(group)).isEmpty();
        }
    }

    @ParameterizedTest(name = "pid namespace: {0}")
    @ValueSource(booleans = {true, false})
    void a_timed_out_tasks_children_are_gone(boolean pidNamespace) throws InterruptedException {
        String marker = HostProcesses.marker();
        Attempt attempt = worker(pidNamespace).run("""
            id: slow
            type: io.millrace.core.scripts.Commands
            timeout: PT1S
            commands:
              - sleep %1$s > /dev/null &
              - sh -c 'sleep %1$s' &
              - (trap '' TERM; sleep %1$s) > /dev/null 2>&1 &
              - wait
            """.formatted(marker));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(attempt.error()).isEqualTo("timed out after PT1S");
        assertThat(HostProcesses.running(marker)).isEmpty();
    }

    @ParameterizedTest(name = "pid namespace: {0}")
    @ValueSource(booleans = {true, false})
    void a_killed_tasks_children_are_gone(boolean pidNamespace) throws InterruptedException {
        String marker = HostProcesses.marker();
        Running running = worker(pidNamespace).start("""
            id: long
            type: io.millrace.core.scripts.Commands
            commands:
              - nohup sleep %s > /dev/null 2>&1 &
              - echo started
              - wait
            """.formatted(marker), Map.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> running.attempt().messages(LogLevel.INFO).contains("started"));
        assertThat(HostProcesses.running(marker)).isNotEmpty();

        running.kill();

        assertThat(running.join().status()).isEqualTo(TaskRunStatus.KILLED);
        assertThat(HostProcesses.running(marker)).isEmpty();
    }

    @Test
    void processes_that_leave_the_process_group_do_not_outlive_the_task() throws InterruptedException {
        String marker = HostProcesses.marker();
        Attempt attempt = worker(true).run("""
            id: escape
            type: io.millrace.core.scripts.Commands
            commands:
              - setsid sleep %1$s > /dev/null 2>&1 < /dev/null &
              - (setsid sh -c 'sleep %1$s & exit 0' > /dev/null 2>&1 < /dev/null &)
              - nohup setsid sleep %1$s > /dev/null 2>&1 &
              - echo started
            """.formatted(marker));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(attempt.messages(LogLevel.INFO)).containsExactly("started");
        assertThat(HostProcesses.running(marker)).isEmpty();
    }

    @Test
    void commands_in_a_pid_namespace_cannot_see_the_worker_or_read_its_environment() throws InterruptedException {
        assertThat(System.getenv(SECRET_NAME)).as("the build sets " + SECRET_NAME + " for this test").isNotNull();
        long jvm = ProcessHandle.current().pid();

        Attempt attempt = worker(true).run("""
            id: peek
            type: io.millrace.core.scripts.Commands
            exitOnFailed: false
            commands:
              - for p in /proc/[0-9]*; do echo "process ${p#/proc/} $(tr '\\0' ' ' < $p/cmdline)"; done
              - echo "grandparent $(cut -d' ' -f4 /proc/$PPID/stat)"
              - cat /proc/$(cut -d' ' -f4 /proc/$PPID/stat)/environ > /dev/null 2>&1 || echo "grandparent environment unreadable"
              - echo "worker secrets seen $(tr '\\0' '\\n' < /proc/%d/environ 2>/dev/null | grep -c %s)"
            """.formatted(jvm, SECRET_NAME));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        List<String> processes = attempt.messages(LogLevel.INFO).stream().filter(m -> m.startsWith("process ")).toList();
        // the launcher, the shell and the tr reading its own command line; no worker, no other task
        assertThat(processes).isNotEmpty().hasSizeLessThanOrEqualTo(4)
            .allMatch(p -> p.contains(CommandLauncher.LAUNCHER_NAME) || p.contains("/bin/sh") || p.contains("tr "),
                "is one of the task's own processes")
            .noneMatch(p -> p.contains("java"));
        assertThat(attempt.messages(LogLevel.INFO)).contains("grandparent 0", "grandparent environment unreadable",
            "worker secrets seen 0");
        assertThat(String.join("\n", attempt.messages())).doesNotContain(System.getenv(SECRET_NAME));
    }

    @ParameterizedTest(name = "pid namespace: {0}")
    @ValueSource(booleans = {true, false})
    void exit_code_and_output_are_the_commands(boolean pidNamespace) throws InterruptedException {
        WorkerFixture fixture = worker(pidNamespace);
        Attempt failed = fixture.run("""
            id: three
            type: io.millrace.core.scripts.Commands
            commands:
              - echo out
              - echo err >&2
              - exit 3
            """);
        Attempt signalled = fixture.run("""
            id: signalled
            type: io.millrace.core.scripts.Commands
            commands:
              - echo before
              - kill -9 $$
            """);
        Attempt succeeded = fixture.run("""
            id: ok
            type: io.millrace.core.scripts.Commands
            commands:
              - echo '::{"outputs":{"answer":42}}::'
            """);

        assertThat(failed.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(failed.error()).isEqualTo("command exited with code 3");
        assertThat(failed.messages(LogLevel.INFO)).containsExactly("out");
        assertThat(failed.messages(LogLevel.WARN)).containsExactly("err");
        assertThat(signalled.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(signalled.error()).isEqualTo("command exited with code 137");
        assertThat(signalled.messages(LogLevel.INFO)).containsExactly("before");
        assertThat(succeeded.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(succeeded.outputs()).containsEntry("exitCode", 0);
    }

    @ParameterizedTest(name = "pid namespace: {0}")
    @ValueSource(booleans = {true, false})
    void commands_see_only_the_minimal_environment_and_their_parent_holds_no_more(boolean pidNamespace)
        throws InterruptedException {
        assertThat(System.getenv(SECRET_NAME)).as("the build sets " + SECRET_NAME + " for this test").isNotNull();

        Attempt attempt = worker(pidNamespace).run("""
            id: env
            type: io.millrace.core.scripts.Commands
            env:
              MY_VAR: mine
            commands:
              - "env | sed 's/^/env: /'"
              - "tr '\\\\0' '\\\\n' < /proc/$PPID/environ | sed 's/^/parent: /'"
            """);

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        List<String> env = names(attempt, "env: ");
        List<String> parent = names(attempt, "parent: ");
        String workDir = attempt.messages(LogLevel.INFO).stream().filter(m -> m.startsWith("env: HOME="))
            .findFirst().orElseThrow().substring("env: HOME=".length());
        // PWD, SHLVL, _ and OLDPWD are set by the shell itself
        assertThat(env).contains("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "MY_VAR")
            .isSubsetOf("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "MY_VAR", "PWD", "SHLVL", "_", "OLDPWD");
        assertThat(attempt.messages()).contains("env: TMPDIR=" + workDir);
        assertThat(workDir).startsWith(workRoot.toString());
        assertThat(parent).containsExactlyInAnyOrder("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "MY_VAR");
        assertThat(String.join("\n", attempt.messages())).doesNotContain(System.getenv(SECRET_NAME));
    }

    @ParameterizedTest(name = "pid namespace: {0}")
    @ValueSource(booleans = {true, false})
    void run_as_another_user_keeps_the_worker_process_out_of_reach(boolean pidNamespace) throws Exception {
        assumeThat(ROOT).as("the worker runs as root").isTrue();
        if (pidNamespace) {
            assumeTrue(PidNamespace.available(false), "this host allows PID namespaces");
        }
        // the run-as user must be able to reach its working directory (docs/worker.md)
        java.nio.file.Files.setPosixFilePermissions(workRoot,
            java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        String marker = HostProcesses.marker();
        worker = new WorkerFixture(new RunnerSettings("worker-test", Map.of(), workRoot,
            Clock.systemUTC(), null, "nobody").withCommandsPidNamespace(pidNamespace));
        Attempt attempt = worker.run("""
            id: nobody
            type: io.millrace.core.scripts.Commands
            env:
              WORKER: "%d"
            commands:
              - echo "user $(id -un)"
              - echo written > out.txt && echo "wrote $(cat out.txt)"
              - cat /proc/$WORKER/environ > /dev/null 2>&1 || echo "worker environment unreadable"
              - umount /proc > /dev/null 2>&1 || echo "proc stays"
              - nohup sleep %s > /dev/null 2>&1 &
            """.formatted(ProcessHandle.current().pid(), marker));

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(attempt.messages(LogLevel.INFO))
            .containsExactly("user nobody", "wrote written", "worker environment unreadable", "proc stays");
        assertThat(HostProcesses.running(marker)).isEmpty();
    }

    private static List<String> names(Attempt attempt, String prefix) {
        return attempt.messages(LogLevel.INFO).stream()
            .filter(m -> m.startsWith(prefix) && m.contains("="))
            .map(m -> m.substring(prefix.length(), m.indexOf('=')))
            .toList();
    }

    /** The process group the commands printed as "group N". */
    private static long group(Attempt attempt) {
        return attempt.messages(LogLevel.INFO).stream().filter(m -> m.startsWith("group "))
            .map(m -> Long.parseLong(m.substring(6).strip())).findFirst().orElseThrow();
    }

    private static long jvmGroup() throws RuntimeException {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc/self/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
