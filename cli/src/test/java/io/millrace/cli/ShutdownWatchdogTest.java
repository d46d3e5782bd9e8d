package io.millrace.cli;

import io.millrace.shutdown.ShutdownProgress;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The watchdog's one line and its halt; the real JVM halt is in {@link WorkerShutdownIT}. */
class ShutdownWatchdogTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> halted = new CompletableFuture<>();
    private final ShutdownWatchdog watchdog = new ShutdownWatchdog(new PrintStream(err, true, StandardCharsets.UTF_8),
        halted::complete);

    @Test
    void atTheEndOfTheGracePeriodItNamesWhatIsUnfinishedInOneLineAndHalts() throws Exception {
        watchdog.gracePeriod(Duration.ofMillis(300));
        watchdog.watch(() -> Optional.of("worker w1 with 2 task attempts unfinished"));
        watchdog.watch(Optional::empty);
        watchdog.watch(() -> Optional.of("Kafka Streams application millrace_executor closing"));
        long start = System.nanoTime();

        watchdog.start();

        assertThat(halted.get(10, TimeUnit.SECONDS)).isEqualTo(ShutdownWatchdog.HALTED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("millrace: not stopped within the grace period of "
            + "0.3 s (millrace.shutdown.grace-period); exiting anyway, abandoning: worker w1 with 2 task attempts "
            + "unfinished; Kafka Streams application millrace_executor closing" + System.lineSeparator());
    }

    @Test
    void aSpringContextStillClosingIsNamedWhenNoneOfItsPartsSaysMore() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            ShutdownProgress idle = Optional::empty;
            context.registerBean("idle", ShutdownProgress.class, () -> idle);
            context.refresh();

            watchdog.watch("the executor", context);

            assertThat(watchdog.line(Duration.ofSeconds(30))).endsWith("abandoning: the executor still stopping");
        }
    }

    @Test
    void aPartThatFailsToSayDoesNotStopTheLine() {
        watchdog.watch(() -> {
            throw new IllegalStateException("closed");
        });

        assertThat(watchdog.line(Duration.ofSeconds(30)))
            .endsWith("abandoning: a part that cannot say (java.lang.IllegalStateException: closed)");
    }

    @Test
    void withNothingOfMillraceLeftItSaysSo() {
        assertThat(watchdog.line(Duration.ofSeconds(30))).endsWith("abandoning: no Millrace service (a shutdown hook of a "
            + "library still runs)");
    }
}
