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

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Real processes on Linux: each Commands task runs in a process group of its own that is gone once the task
 * ends, however it ends, and its commands see neither the worker's environment nor, through their parent,
 * its /proc entry.
 */
@EnabledOnOs(OS.LINUX)
class CommandsIsolationSecurityTest {

    /** Set in the test JVM's environment by the build, like a credential in a worker's. */
    private static final String SECRET_NAME = "MILLRACE_TEST_WORKER_SECRET";

    @TempDir
    Path workRoot;

    private WorkerFixture worker;

    @BeforeEach
    void setUp() {
        assumeThat(CommandLauncher.SETSID).as("setsid is installed").isPresent();
        worker = new WorkerFixture(workRoot);
    }

    @AfterEach
    void tearDown() {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void background_jobs_do_not_outlive_a_task_that_succeeded() {
        Attempt attempt = worker.run("""
            id: daemons
            type: io.millrace.core.scripts.Commands
            commands:
              - echo "group $(cut -d' ' -f5 /proc/$$/stat)"
              - sleep 300 &
              - nohup sleep 300 > /dev/null 2>&1 &
              - (trap '' TERM; sleep 300) > /dev/null 2>&1 &
              - echo started
            """);

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
        long group = group(attempt);
        assertThat(group).isNotEqualTo(jvmGroup());
        assertThat(ProcessTree.groupMembers(group)).isEmpty();
    }

    @Test
    void a_timed_out_tasks_children_are_gone() {
        Attempt attempt = worker.run("""
            id: slow
            type: io.millrace.core.scripts.Commands
            timeout: PT1S
            commands:
              - echo "group $(cut -d' ' -f5 /proc/$$/stat)"
              - sleep 300 > /dev/null &
              - sh -c 'sleep 300' &
              - wait
            """);

        assertThat(attempt.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(attempt.error()).isEqualTo("timed out after PT1S");
        assertThat(ProcessTree.groupMembers(group(attempt))).isEmpty();
    }

    @Test
    void a_killed_tasks_children_are_gone() {
        Running running = worker.start("""
            id: long
            type: io.millrace.core.scripts.Commands
            commands:
              - nohup sleep 300 > /dev/null 2>&1 &
              - echo "group $(cut -d' ' -f5 /proc/$$/stat)"
              - wait
            """, Map.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> running.attempt().messages(LogLevel.INFO).stream()
            .anyMatch(m -> m.startsWith("group ")));
        long group = group(running.attempt());
        assertThat(ProcessTree.groupMembers(group)).isNotEmpty();

        running.kill();

        assertThat(running.join().status()).isEqualTo(TaskRunStatus.KILLED);
        assertThat(ProcessTree.groupMembers(group)).isEmpty();
    }

    @Test
    void commands_see_only_the_minimal_environment_and_their_parent_holds_no_more() {
        assertThat(System.getenv(SECRET_NAME)).as("the build sets " + SECRET_NAME + " for this test").isNotNull();

        Attempt attempt = worker.run("""
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

    @Test
    void run_as_another_user_keeps_the_worker_process_out_of_reach() throws java.io.IOException {
        assumeThat(System.getProperty("user.name")).as("the worker runs as root").isEqualTo("root");
        // the run-as user must be able to reach its working directory (docs/worker.md)
        java.nio.file.Files.setPosixFilePermissions(workRoot,
            java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        WorkerFixture asNobody = new WorkerFixture(new RunnerSettings("worker-test", Map.of(), workRoot,
            Clock.systemUTC(), null, "nobody"));
        try {
            Attempt attempt = asNobody.run("""
                id: nobody
                type: io.millrace.core.scripts.Commands
                env:
                  WORKER: "%d"
                commands:
                  - echo "user $(id -un)"
                  - echo written > out.txt && echo "wrote $(cat out.txt)"
                  - cat /proc/$WORKER/environ > /dev/null 2>&1 || echo "worker environment unreadable"
                """.formatted(ProcessHandle.current().pid()));

            assertThat(attempt.status()).isEqualTo(TaskRunStatus.SUCCESS);
            assertThat(attempt.messages(LogLevel.INFO))
                .containsExactly("user nobody", "wrote written", "worker environment unreadable");
        } finally {
            asNobody.close();
        }
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
