package io.millrace.tasks.scripts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Puts a command in a PID namespace of its own, with a private {@code /proc}, through util-linux {@code unshare}.
 * Inside, the command sees only its own processes (not the worker, not other tasks), and when the namespace's
 * first process exits or is killed, the kernel kills every process left in it, including those that left the
 * process group ({@code setsid}, a daemon's double fork). Whether this works is tried once per worker and kind
 * (as root; or, for any other user, inside a user namespace), because containers and hardened kernels often
 * forbid namespaces; where it does not, commands run without one and a WARN says what is missing.
 */
final class PidNamespace {

    private static final Logger LOG = LoggerFactory.getLogger(PidNamespace.class);

    /** The unshare program, or empty where there is none. */
    static final Optional<String> UNSHARE = CommandLauncher.onPath("unshare");
    private static final long TRIAL_SECONDS = 10;
    /** Whether it works, by whether a user namespace is needed (any user but root). */
    private static final Map<Boolean, Boolean> AVAILABLE = new ConcurrentHashMap<>();

    private PidNamespace() {
    }

    /**
     * The {@code unshare} arguments that run what follows in a new PID and mount namespace, or
     * empty when namespaces cannot be used here.
     *
     * @param userNamespace whether unshare runs as a user other than root, who needs a user namespace for it
     */
    static List<String> prefix(boolean userNamespace) throws InterruptedException {
        if (!available(userNamespace)) {
            return List.of();
        }
        return arguments(userNamespace);
    }

    /** Whether namespaces of this kind work on this host, tried once. */
    static boolean available(boolean userNamespace) throws InterruptedException {
        Boolean known = AVAILABLE.get(userNamespace);
        if (known != null) {
            return known;
        }
        synchronized (AVAILABLE) {
            known = AVAILABLE.get(userNamespace);
            if (known == null) {
                known = trial(userNamespace); // an interrupted trial decides nothing: the next command tries again
                AVAILABLE.put(userNamespace, known);
            }
            return known;
        }
    }

    private static List<String> arguments(boolean userNamespace) {
        List<String> argv = new ArrayList<>();
        argv.add(UNSHARE.orElseThrow());
        if (userNamespace) {
            argv.addAll(List.of("--user", "--map-current-user"));
        }
        // --fork: the namespace's first process is a child, so the kernel kills the rest when it ends;
        // --kill-child: that child gets SIGKILL when unshare itself dies (killed with the task)
        argv.addAll(List.of("--pid", "--fork", "--kill-child", "--mount-proc"));
        return argv;
    }

    private static boolean trial(boolean userNamespace) throws InterruptedException {
        String kind = userNamespace ? "a PID namespace inside a user namespace" : "a PID namespace";
        if (UNSHARE.isEmpty()) {
            warn(kind, "unshare (util-linux) is not on the PATH");
            return false;
        }
        List<String> argv = arguments(userNamespace);
        argv.add("true");
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
            builder.environment().keySet().retainAll(List.of("PATH"));
            process = builder.start();
        } catch (IOException e) {
            warn(kind, "'" + String.join(" ", argv) + "' could not start: " + e.getMessage());
            return false;
        }
        try {
            process.getOutputStream().close();
            // its few lines of error fit in the pipe: read them once it has exited
            if (!process.waitFor(TRIAL_SECONDS, TimeUnit.SECONDS)) {
                warn(kind, "'" + String.join(" ", argv) + "' did not finish within " + TRIAL_SECONDS + " s");
                return false;
            }
            if (process.exitValue() != 0) {
                String output = new String(process.getInputStream().readNBytes(2048), StandardCharsets.UTF_8).strip();
                warn(kind, "'" + String.join(" ", argv) + "' failed with exit code " + process.exitValue()
                    + (output.isEmpty() ? "" : ": " + output));
                return false;
            }
            return true;
        } catch (IOException e) {
            warn(kind, "'" + String.join(" ", argv) + "' failed: " + e.getMessage());
            return false;
        } finally {
            process.destroyForcibly();
        }
    }

    private static void warn(String kind, String reason) {
        LOG.warn("commands run without {} ({}): they can see the worker's and other tasks' processes in /proc, "
            + "as root read their environment (the worker's credentials), and a process that leaves their "
            + "process group (setsid) outlives the task. Allow namespaces (e.g. unprivileged user namespaces, "
            + "or a container's seccomp/AppArmor profile), or set millrace.worker.commands.pid-namespace=false "
            + "to silence this", kind, reason);
    }
}
