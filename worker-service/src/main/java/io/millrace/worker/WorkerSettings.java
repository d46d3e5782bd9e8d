package io.millrace.worker;

import io.millrace.template.EnvironmentSecrets;
import io.millrace.template.SecretProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Settings of a worker ({@code millrace.worker.*}); see {@code docs/worker.md}.
 *
 * @param concurrency   attempts this worker runs at once; it never takes more tasks than it has free slots
 * @param shutdownGrace how long a stopping worker waits for its running attempts before it interrupts them
 *                      and reports them RESUBMITTED; null: half the process's grace period
 *                      ({@code millrace.shutdown.grace-period}), see {@link #attemptWait}
 * @param envs          names of the environment variables templates may read as {@code envs.<name>}; a name
 *                      {@code ENV_FOO_BAR} is also exposed as {@code envs.foo_bar} (Kestra's convention)
 * @param workDir       where attempts get their private working directories
 * @param id            this worker's id (default: a random one, new at every start); letters, digits, '.', '_'
 *                      and '-' only
 * @param secrets       where {@code secret('NAME')} reads from
 * @param heartbeatInterval how often the worker announces itself on {@code worker_instances}; the executor's
 *                      dead-worker detector declares a worker that stays silent for its liveness timeout
 *                      ({@code millrace.executor.dead-workers.liveness-timeout}, 30 s) dead
 * @param triggers      how the worker evaluates polling triggers
 * @param commands      how the worker runs command tasks
 */
@ConfigurationProperties("millrace.worker")
public record WorkerSettings(
    @DefaultValue("64") int concurrency,
    Duration shutdownGrace,
    @DefaultValue List<String> envs,
    Path workDir,
    String id,
    @DefaultValue Secrets secrets,
    @DefaultValue("5s") Duration heartbeatInterval,
    @DefaultValue Triggers triggers,
    @DefaultValue Commands commands
) {

    /** The prefix Kestra gives the environment variables a flow may read. */
    static final String KESTRA_ENV_PREFIX = "ENV_";

    @ConstructorBinding
    public WorkerSettings {
        if (concurrency < 1) {
            throw new IllegalArgumentException("millrace.worker.concurrency must be at least 1, not " + concurrency);
        }
        if (shutdownGrace != null && shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("millrace.worker.shutdown-grace must not be negative, not " + shutdownGrace);
        }
        envs = envs == null ? List.of() : List.copyOf(envs);
        if (workDir == null) {
            workDir = Path.of(System.getProperty("java.io.tmpdir"), "millrace-work");
        }
        if (id == null || id.isBlank()) {
            id = UUID.randomUUID().toString();
        } else if (!id.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("millrace.worker.id may hold letters, digits, '.', '_' and '-' only, not '"
                + id + "'");
        }
        if (heartbeatInterval == null || heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            heartbeatInterval = Duration.ofSeconds(5);
        }
        if (secrets == null) {
            secrets = new Secrets(null, null, null);
        }
        if (triggers == null) {
            triggers = Triggers.DEFAULTS;
        }
        if (commands == null) {
            commands = new Commands(null, true);
        }
    }

    /** Settings with the default command settings. */
    public WorkerSettings(int concurrency, Duration shutdownGrace, List<String> envs, Path workDir, String id,
                          Secrets secrets, Duration heartbeatInterval, Triggers triggers) {
        this(concurrency, shutdownGrace, envs, workDir, id, secrets, heartbeatInterval, triggers, null);
    }

    /** Settings with the default trigger evaluation settings. */
    public WorkerSettings(int concurrency, Duration shutdownGrace, List<String> envs, Path workDir, String id,
                          Secrets secrets, Duration heartbeatInterval) {
        this(concurrency, shutdownGrace, envs, workDir, id, secrets, heartbeatInterval, null);
    }

    /** Settings with the default heartbeat interval. */
    public WorkerSettings(int concurrency, Duration shutdownGrace, List<String> envs, Path workDir, String id,
                          Secrets secrets) {
        this(concurrency, shutdownGrace, envs, workDir, id, secrets, null);
    }

    /**
     * Every default: 64 slots, half the process's grace period for running attempts, no envs, a
     * random id, secrets from the environment.
     */
    public static WorkerSettings defaults() {
        return new WorkerSettings(64, null, null, null, null, null, null, null);
    }

    /**
     * How long a stopping worker waits for its running attempts: {@code shutdown-grace}, or half the
     * process's {@code gracePeriod} when it is not set. The other half is for the attempts it interrupts to
     * end ({@link #interruptWait}), for leaving the group and closing its clients, and, in a process that
     * runs other services too (the standalone server), for them to stop after it.
     */
    public Duration attemptWait(Duration gracePeriod) {
        return shutdownGrace != null ? shutdownGrace : gracePeriod.dividedBy(2);
    }

    /** How long attempts interrupted at the end of the attempt wait get to end: an eighth of that wait. */
    public static Duration interruptWait(Duration attemptWait) {
        return attemptWait.dividedBy(8);
    }

    /** These settings with another concurrency. */
    public WorkerSettings withConcurrency(int n) {
        return new WorkerSettings(n, shutdownGrace, envs, workDir, id, secrets, heartbeatInterval, triggers, commands);
    }

    /** These settings with another shutdown grace period. */
    public WorkerSettings withShutdownGrace(Duration grace) {
        return new WorkerSettings(concurrency, grace, envs, workDir, id, secrets, heartbeatInterval, triggers, commands);
    }

    /** These settings with another worker id. */
    public WorkerSettings withId(String workerId) {
        return new WorkerSettings(concurrency, shutdownGrace, envs, workDir, workerId, secrets, heartbeatInterval, triggers, commands);
    }

    /** These settings with another heartbeat interval. */
    public WorkerSettings withHeartbeatInterval(Duration interval) {
        return new WorkerSettings(concurrency, shutdownGrace, envs, workDir, id, secrets, interval, triggers, commands);
    }

    /** These settings with another working directory root. */
    public WorkerSettings withWorkDir(Path dir) {
        return new WorkerSettings(concurrency, shutdownGrace, envs, dir, id, secrets, heartbeatInterval, triggers, commands);
    }

    /** These settings with other trigger evaluation settings. */
    public WorkerSettings withTriggers(Triggers t) {
        return new WorkerSettings(concurrency, shutdownGrace, envs, workDir, id, secrets, heartbeatInterval, t, commands);
    }

    /** These settings with command tasks run as {@code user} (null: the worker's own user). */
    public WorkerSettings withCommandsRunAs(String user) {
        return new WorkerSettings(concurrency, shutdownGrace, envs, workDir, id, secrets, heartbeatInterval, triggers,
            new Commands(user, commands.pidNamespace()));
    }

    /** These settings with command tasks in a PID namespace of their own where the host allows it, or never. */
    public WorkerSettings withCommandsPidNamespace(boolean pidNamespace) {
        return new WorkerSettings(concurrency, shutdownGrace, envs, workDir, id, secrets, heartbeatInterval, triggers,
            new Commands(commands.runAs(), pidNamespace));
    }

    /**
     * The variables of {@code environment} that templates may read, by the names {@link #envs} allows;
     * a missing variable is left out.
     */
    public Map<String, String> allowedEnvironment(Map<String, String> environment) {
        Map<String, String> allowed = new LinkedHashMap<>();
        for (String name : envs) {
            String value = environment.get(name);
            if (value == null) {
                continue;
            }
            allowed.put(name, value);
            if (name.startsWith(KESTRA_ENV_PREFIX) && name.length() > KESTRA_ENV_PREFIX.length()) {
                allowed.putIfAbsent(name.substring(KESTRA_ENV_PREFIX.length()).toLowerCase(Locale.ROOT), value);
            }
        }
        return allowed;
    }

    /**
     * Where secrets come from.
     *
     * @param source ENVIRONMENT: {@code SECRET_<NAME>} variables holding Base64 values (Kestra's convention)
     *               plus {@code values}; NONE: only {@code values}
     * @param values secrets given in plain text, which win over the environment (for development and tests;
     *               in production prefer the environment)
     * @param namespaces namespace-scoped secrets in plain text, keyed {@code <namespace>.<NAME>}: seen by flows of
     *               that namespace and of its children only, and winning there over global ones
     */
    public record Secrets(@DefaultValue("ENVIRONMENT") Source source, @DefaultValue Map<String, String> values,
                          @DefaultValue Map<String, String> namespaces) {

        /** Where {@code secret()} looks besides {@link #values}. */
        public enum Source { ENVIRONMENT, NONE }

        @ConstructorBinding
        public Secrets {
            source = source == null ? Source.ENVIRONMENT : source;
            values = values == null ? Map.of() : Map.copyOf(values);
            namespaces = namespaces == null ? Map.of() : Map.copyOf(namespaces);
        }

        /** Global secrets only. */
        public Secrets(Source source, Map<String, String> values) {
            this(source, values, Map.of());
        }

        /** The provider templates read secrets from, given the process environment. */
        public SecretProvider provider(Map<String, String> environment) {
            return new EnvironmentSecrets(source == Source.ENVIRONMENT ? environment : Map.of(), values, namespaces);
        }
    }

    /**
     * How the worker evaluates polling triggers ({@code millrace.worker.triggers.*}).
     *
     * @param concurrency evaluations this worker runs at once, apart from its task slots (each on a virtual thread);
     *                    0: the worker evaluates no triggers (it does not join the group that takes them)
     * @param timeout     how long one evaluation may take before it is interrupted and answered with an error
     * @param maxAge      an evaluation sent longer ago than this is answered with an error without being
     *                    evaluated: the scheduler has given it up and sent another
     */
    public record Triggers(@DefaultValue("16") int concurrency, @DefaultValue("1m") Duration timeout,
                           @DefaultValue("1m") Duration maxAge) {

        /** 16 evaluations at once, one minute each at most, dropped when sent more than a minute ago. */
        public static final Triggers DEFAULTS = new Triggers(16, null, null);

        public Triggers {
            if (concurrency < 0) {
                throw new IllegalArgumentException("millrace.worker.triggers.concurrency must not be negative, not "
                    + concurrency);
            }
            if (timeout == null || timeout.isZero() || timeout.isNegative()) {
                timeout = Duration.ofMinutes(1);
            }
            if (maxAge == null || maxAge.isZero() || maxAge.isNegative()) {
                maxAge = Duration.ofMinutes(1);
            }
        }
    }

    /**
     * How the worker runs command tasks ({@code millrace.worker.commands.*}).
     *
     * @param runAs the OS user the commands run as, instead of the worker's own: through {@code setpriv} when the
     *              worker runs as root, {@code sudo -n -u} otherwise; null: the worker's user
     * @param pidNamespace whether each command runs in a PID and mount namespace of its own ({@code unshare}),
     *              which hides other processes and kills all of the command's processes when the task ends; where
     *              the host forbids namespaces, commands run without and the worker logs a warning once
     */
    public record Commands(String runAs, @DefaultValue("true") boolean pidNamespace) {

        public Commands {
            if (runAs != null && runAs.isBlank()) {
                runAs = null;
            } else if (runAs != null && !runAs.matches("[A-Za-z0-9._][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException("millrace.worker.commands.run-as must be a user name, not '"
                    + runAs + "'");
            }
        }
    }
}
