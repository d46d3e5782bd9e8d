package io.millrace.runtime;

import io.millrace.secrets.SecretCipher;
import io.millrace.storage.InternalStorage;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Worker-local settings of task execution.
 *
 * @param workerId identifies the worker in task-run attempts
 * @param envs     the environment variables exposed to templates as {@code envs.name} (an allow-list,
 *                 never the whole process environment)
 * @param workRoot where per-attempt working directories are created
 * @param storage  internal storage, where tasks read {@code millrace:///} files; null when there is none
 * @param commandsRunAs the OS user command tasks run as; null: the worker's own user
 * @param cipher   opens the SECRET input values tasks receive sealed ({@link SecretCipher#none()}: none)
 * @param commandsPidNamespace whether command tasks run in a PID namespace of their own where the host allows it
 */
public record RunnerSettings(String workerId, Map<String, String> envs, Path workRoot, Clock clock,
                             InternalStorage storage, String commandsRunAs, SecretCipher cipher,
                             boolean commandsPidNamespace) {

    public RunnerSettings {
        envs = envs == null ? Map.of() : Map.copyOf(envs);
        if (commandsRunAs != null && commandsRunAs.isBlank()) {
            commandsRunAs = null;
        }
        if (cipher == null) {
            cipher = SecretCipher.none();
        }
    }

    /** Settings whose command tasks run in a PID namespace where the host allows it. */
    public RunnerSettings(String workerId, Map<String, String> envs, Path workRoot, Clock clock,
                          InternalStorage storage, String commandsRunAs, SecretCipher cipher) {
        this(workerId, envs, workRoot, clock, storage, commandsRunAs, cipher, true);
    }

    /** Settings without a key for SECRET inputs. */
    public RunnerSettings(String workerId, Map<String, String> envs, Path workRoot, Clock clock,
                          InternalStorage storage, String commandsRunAs) {
        this(workerId, envs, workRoot, clock, storage, commandsRunAs, null);
    }

    /** These settings opening SECRET input values with {@code key}. */
    public RunnerSettings withCipher(SecretCipher key) {
        return new RunnerSettings(workerId, envs, workRoot, clock, storage, commandsRunAs, key, commandsPidNamespace);
    }

    /** Settings whose commands run as the worker's own user. */
    public RunnerSettings(String workerId, Map<String, String> envs, Path workRoot, Clock clock,
                          InternalStorage storage) {
        this(workerId, envs, workRoot, clock, storage, null);
    }

    /** These settings with command tasks run as {@code user} (null: the worker's own). */
    public RunnerSettings withCommandsRunAs(String user) {
        return new RunnerSettings(workerId, envs, workRoot, clock, storage, user, cipher, commandsPidNamespace);
    }

    /** These settings with command tasks in a PID namespace of their own where possible, or never. */
    public RunnerSettings withCommandsPidNamespace(boolean pidNamespace) {
        return new RunnerSettings(workerId, envs, workRoot, clock, storage, commandsRunAs, cipher, pidNamespace);
    }

    /** Settings without internal storage. */
    public RunnerSettings(String workerId, Map<String, String> envs, Path workRoot, Clock clock) {
        this(workerId, envs, workRoot, clock, null);
    }

    /** Defaults for one process: no envs, working directories under the system temp directory. */
    public static RunnerSettings local(String workerId) {
        return new RunnerSettings(workerId, Map.of(), Path.of(System.getProperty("java.io.tmpdir"), "millrace-work"),
            Clock.systemUTC());
    }
}
