package io.millrace.tasks.scripts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Builds the process a command runs in, isolated from the worker as far as a plain process can be.
 * Where {@code setsid} exists (Linux), the command runs in a session and process group of its own, led
 * by a small launcher shell ({@code setsid /bin/sh -c '"$@"; exit $?'}) that waits for the interpreter:
 * the group can be killed as a whole, and the interpreter's parent ({@code $PPID}) is the launcher, whose
 * environment is the command's minimal one, not the worker's. Optionally the command runs as another OS
 * user: through {@code setpriv} when the worker is root, through {@code sudo -n} otherwise.
 * Without {@code setsid}, the interpreter is started directly, and only its descendants can be killed.
 * <p>
 * Where the host allows it (and {@code millrace.worker.commands.pid-namespace} is on), the launcher also runs in
 * a PID and mount namespace of its own ({@link PidNamespace}): {@code setsid unshare … [setpriv …] launcher}
 * as root, so the namespace is set up with root's rights before the user is switched inside it;
 * {@code setsid sudo … unshare --user … launcher} otherwise, since sudo cannot work inside a user namespace.
 * The command then sees only its own processes, and when the launcher (the namespace's first process) exits or
 * unshare is killed, the kernel kills whatever is left in it. unshare passes the launcher's exit status on.
 */
final class CommandLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(CommandLauncher.class);

    /** Runs its arguments as a child and exits with its status, so that it stays the child's parent. */
    static final String LAUNCHER_SCRIPT = "\"$@\"; exit $?";
    static final String LAUNCHER_NAME = "millrace-launcher";

    /** The setsid program, or empty where there is none (macOS, Windows, a minimal image). */
    static final Optional<String> SETSID = onPath("setsid");
    private static final Optional<String> SETPRIV = onPath("setpriv");
    private static final Optional<String> SUDO = onPath("sudo");
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static final Map<String, String> PRIMARY_GROUPS = new ConcurrentHashMap<>();

    static {
        if (SETSID.isEmpty()) {
            LOG.warn("setsid is not on the PATH: commands run in the worker's process group, only the processes "
                + "still descending from them are stopped when a task ends, and their parent is the worker itself");
        }
    }

    /**
     * How a command was started.
     *
     * @param builder  starts the process; its environment is exactly the command's
     * @param ownGroup whether the started process leads a process group of its own (its pid is the group id)
     */
    record Launch(ProcessBuilder builder, boolean ownGroup) {
    }

    private CommandLauncher() {
    }

    /**
     * The process running {@code command} in {@code workDir} with exactly {@code environment}, as {@code runAs}
     * when not null, in a PID namespace of its own when {@code pidNamespace} and the host allows it.
     */
    static Launch launch(List<String> command, Path workDir, Map<String, String> environment, String runAs,
                         boolean pidNamespace) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>();
        SETSID.ifPresent(argv::add);
        List<String> switchUser = runAs == null ? List.of() : switchUser(runAs, environment);
        boolean viaSetpriv = !switchUser.isEmpty() && switchUser.getFirst().equals(SETPRIV.orElse(null));
        if (pidNamespace && SETSID.isPresent()) {
            // unshare runs as root when the worker is root and the user, if any, is switched inside the namespace
            boolean unshareAsRoot = ROOT && (runAs == null || viaSetpriv);
            List<String> unshare = PidNamespace.prefix(!unshareAsRoot);
            if (viaSetpriv || runAs == null) {
                argv.addAll(unshare);
                argv.addAll(switchUser);
            } else {
                argv.addAll(switchUser);
                argv.addAll(unshare);
            }
        } else {
            argv.addAll(switchUser);
        }
        if (SETSID.isPresent()) {
            argv.addAll(List.of("/bin/sh", "-c", LAUNCHER_SCRIPT, LAUNCHER_NAME));
        }
        argv.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(argv).directory(workDir.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return new Launch(builder, SETSID.isPresent());
    }

    /** The arguments that run what follows as {@code user}. */
    private static List<String> switchUser(String user, Map<String, String> environment)
        throws IOException, InterruptedException {
        if (ROOT && SETPRIV.isPresent()) {
            // setpriv execs in place (no fork, no PAM, no new session) and keeps the environment
            return List.of(SETPRIV.get(), "--reuid=" + user, "--regid=" + primaryGroup(user), "--init-groups", "--");
        }
        if (SUDO.isPresent()) {
            // -n: fail at once rather than ask for a password; sudo resets the environment unless told to keep it
            return List.of(SUDO.get(), "-n", "-u", user, "--preserve-env=" + String.join(",", environment.keySet()), "--");
        }
        throw new IOException("millrace.worker.commands.run-as is set but neither setpriv (as root) nor sudo is "
            + "available to switch to user '" + user + "'");
    }

    private static String primaryGroup(String user) throws IOException, InterruptedException {
        String known = PRIMARY_GROUPS.get(user);
        if (known != null) {
            return known;
        }
        Process id = new ProcessBuilder("id", "-g", "--", user).redirectErrorStream(true).start();
        String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!id.waitFor(10, TimeUnit.SECONDS) || id.exitValue() != 0 || !out.matches("\\d+")) {
            throw new IOException("cannot run commands as user '" + user + "': " + out);
        }
        PRIMARY_GROUPS.put(user, out);
        return out;
    }

    static Optional<String> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + ":/usr/bin:/bin:/usr/sbin:/sbin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }
}
