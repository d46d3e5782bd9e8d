package io.millrace.cli;

import io.millrace.shutdown.ShutdownProgress;
import io.millrace.shutdown.ShutdownSettings;
import io.millrace.util.Durations;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Ends a stopping process that overstays its grace period ({@code millrace.shutdown.grace-period}).
 * A JVM shutdown hook starts its clock when the process begins to stop (SIGTERM, Ctrl-C, the end of
 * the command), beside the hooks that stop the services; if the JVM still runs when the grace period is
 * over, it prints one line naming what was unfinished — what the watched parts report — and halts the
 * JVM with {@link #HALTED}. A process that stops in time never sees it: the JVM ends when its hooks do.
 */
final class ShutdownWatchdog implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    /** The exit status of a process halted at the end of its grace period. */
    static final int HALTED = 3;

    private final List<ShutdownProgress> parts = new CopyOnWriteArrayList<>();
    private final PrintStream err;
    private final IntConsumer halt;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile Duration gracePeriod = ShutdownSettings.DEFAULT_GRACE_PERIOD;

    ShutdownWatchdog(PrintStream err, IntConsumer halt) {
        this.err = err;
        this.halt = halt;
    }

    /** A watchdog of this JVM, started by a shutdown hook, printing to stderr. */
    static ShutdownWatchdog install() {
        ShutdownWatchdog watchdog = new ShutdownWatchdog(System.err, Runtime.getRuntime()::halt);
        Runtime.getRuntime().addShutdownHook(new Thread(watchdog::start, "millrace-shutdown-watchdog-start"));
        return watchdog;
    }

    /** Takes the grace period from a Spring application's settings as soon as they are known. */
    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        try {
            Binder.get(event.getEnvironment()).bind("millrace.shutdown", ShutdownSettings.class)
                .ifBound(settings -> gracePeriod(settings.gracePeriod()));
        } catch (BindException e) {
            // the application's own binding of the settings reports the mistake
        }
    }

    /** The grace period counted from the start of the shutdown. */
    void gracePeriod(Duration grace) {
        gracePeriod = grace;
    }

    /** Watches one part of the process. */
    void watch(ShutdownProgress part) {
        parts.add(part);
    }

    /**
     * Watches the parts of a started Spring context (its beans that report their progress) and the context
     * itself, named {@code services} ("the worker") when none of its parts says more.
     */
    void watch(String services, ConfigurableApplicationContext context) {
        List<ShutdownProgress> beans = List.copyOf(context.getBeansOfType(ShutdownProgress.class).values());
        parts.addAll(beans);
        parts.add(() -> context.isActive() && beans.stream().allMatch(b -> b.unfinished().isEmpty())
            ? Optional.of(services + " still stopping") : Optional.empty());
    }

    /** Starts the clock, once: a daemon thread that halts the JVM if it is still running at the end of the grace period. */
    void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        Duration grace = gracePeriod;
        Thread.ofPlatform().daemon().name("millrace-shutdown-watchdog").start(() -> {
            try {
                Thread.sleep(grace);
            } catch (InterruptedException e) {
                return;
            }
            try {
                err.println(line(grace));
                err.flush();
            } finally {
                halt.accept(HALTED);
            }
        });
    }

    /** The one line printed before halting. */
    String line(Duration grace) {
        List<String> unfinished = new ArrayList<>();
        for (ShutdownProgress part : parts) {
            try {
                part.unfinished().ifPresent(unfinished::add);
            } catch (RuntimeException e) {
                unfinished.add("a part that cannot say (" + e + ")");
            }
        }
        return "millrace: not stopped within the grace period of " + Durations.seconds(grace)
            + " (millrace.shutdown.grace-period); exiting anyway, abandoning: "
            + (unfinished.isEmpty() ? "no Millrace service (a shutdown hook of a library still runs)"
            : String.join("; ", unfinished));
    }
}
