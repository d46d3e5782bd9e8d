package io.millrace.system;

import io.millrace.kafka.embedded.BootstrapServers;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.kafka.streams.ManagedStreams;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.scheduler.SchedulerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scheduler with an executor and a worker on a real broker: a schedule with seconds fires every second
 * once, a flow listening to the scheduled flow's ends runs after each, and a scheduler that was down applies
 * each trigger's {@code recoverMissedSchedules} to the dates it missed.
 */
@ExtendWith(KafkaBrokerExtension.class)
class SchedulerTest {

    private static final SchedulerSettings SETTINGS = new SchedulerSettings(Duration.ofMillis(100), 1,
        ZoneId.of("UTC"), Duration.ofSeconds(2), 100, Duration.ofMinutes(2), Duration.ofMillis(100), 50_000);

    private MillraceCluster cluster;

    @BeforeEach
    void start(@BootstrapServers String bootstrap, @TempDir Path dir) {
        cluster = new MillraceCluster(bootstrap, 2, dir);
        cluster.startExecutor("a", 1);
        cluster.startWorker("w1", 8);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static Instant scheduledDate(Execution e) {
        return OffsetDateTime.parse(e.header().trigger().variables().get("date").toString()).toInstant();
    }

    @Test
    void aScheduleWithSecondsFiresOncePerSecondAndAFlowTriggerFollowsEachEnd() throws Exception {
        cluster.deploy("""
            id: ticking
            namespace: millrace.tests
            tasks:
              - id: echo
                type: io.millrace.core.debug.Return
                format: "{{ trigger.date }}"
            triggers:
              - id: every-second
                type: io.millrace.core.trigger.Schedule
                cron: "* * * * * *"
                withSeconds: true
            """);
        cluster.deploy("""
            id: listener
            namespace: millrace.tests
            tasks:
              - id: echo
                type: io.millrace.core.debug.Return
                format: "after {{ trigger.executionId }}"
            triggers:
              - id: after-ticking
                type: io.millrace.core.trigger.Flow
                conditions:
                  - type: io.millrace.core.condition.ExecutionFlow
                    namespace: millrace.tests
                    flowId: ticking
            """);
        cluster.startScheduler("s1", SETTINGS).awaitRunning(Duration.ofSeconds(60));

        await().atMost(Duration.ofSeconds(60)).until(() -> cluster.executions("millrace.tests", "ticking").stream()
            .filter(e -> e.status() == ExecutionStatus.SUCCESS).count() >= 8);
        List<Execution> fired = cluster.executions("millrace.tests", "ticking");
        Map<Instant, Long> perDate = fired.stream().collect(Collectors.groupingBy(SchedulerTest::scheduledDate,
            TreeMap::new, Collectors.counting()));
        assertThat(perDate.values()).as("executions per scheduled date").allMatch(n -> n == 1);
        List<Instant> dates = List.copyOf(perDate.keySet());
        for (int i = 1; i < dates.size(); i++) {
            assertThat(Duration.between(dates.get(i - 1), dates.get(i))).as("gap after " + dates.get(i - 1))
                .isEqualTo(Duration.ofSeconds(1));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> cluster.executions("millrace.tests", "listener").stream()
            .filter(e -> e.status() == ExecutionStatus.SUCCESS).count() >= 5);
    }

    @Test
    void afterADowntimeEachTriggerRecoversTheDatesItMissedAsItSays() throws Exception {
        for (String policy : List.of("ALL", "LAST", "NONE")) {
            cluster.deploy("""
                id: recover-%s
                namespace: millrace.tests
                tasks:
                  - id: echo
                    type: io.millrace.core.debug.Return
                    format: "{{ trigger.date }}"
                triggers:
                  - id: every-second
                    type: io.millrace.core.trigger.Schedule
                    cron: "* * * * * *"
                    withSeconds: true
                    recoverMissedSchedules: %s
                """.formatted(policy.toLowerCase(), policy));
        }
        ManagedStreams first = cluster.startScheduler("s1", SETTINGS);
        first.awaitRunning(Duration.ofSeconds(60));
        Function<String, List<Execution>> of = p -> cluster.executions("millrace.tests", "recover-" + p);
        await().atMost(Duration.ofSeconds(60)).until(() -> of.apply("none").size() >= 2 && of.apply("last").size() >= 2
            && of.apply("all").size() >= 2);
        first.stop();
        Instant stopped = Instant.now();
        Thread.sleep(5_000); // the downtime: about five dates pass unfired
        int allBefore = of.apply("all").size();
        int lastBefore = of.apply("last").size();
        int noneBefore = of.apply("none").size();
        Instant lastBeforeDate = of.apply("none").stream().map(SchedulerTest::scheduledDate).max(Instant::compareTo)
            .orElseThrow();

        cluster.startScheduler("s2", SETTINGS).awaitRunning(Duration.ofSeconds(60));
        Instant restarted = Instant.now();
        await().atMost(Duration.ofSeconds(60)).until(() -> of.apply("none").stream()
            .anyMatch(e -> scheduledDate(e).isAfter(restarted.plusSeconds(2))));

        // NONE: no date between the stop and the restart
        assertThat(of.apply("none").stream().map(SchedulerTest::scheduledDate)
            .filter(d -> d.isAfter(lastBeforeDate) && d.isBefore(restarted.minusSeconds(1)))).isEmpty();
        // LAST: one of them; ALL: every one of them
        long lastMissed = of.apply("last").stream().map(SchedulerTest::scheduledDate)
            .filter(d -> d.isAfter(stopped.plusSeconds(1)) && d.isBefore(restarted.minusSeconds(1))).count();
        assertThat(lastMissed).isLessThanOrEqualTo(1);
        Map<Instant, Long> all = of.apply("all").stream().collect(Collectors.groupingBy(SchedulerTest::scheduledDate,
            TreeMap::new, Collectors.counting()));
        assertThat(all.values()).allMatch(n -> n == 1);
        List<Instant> dates = List.copyOf(all.keySet());
        for (int i = 1; i < dates.size(); i++) {
            assertThat(Duration.between(dates.get(i - 1), dates.get(i))).as("ALL leaves no gap after " + dates.get(i - 1))
                .isEqualTo(Duration.ofSeconds(1));
        }
        assertThat(allBefore + lastBefore + noneBefore).isPositive();
    }

    @Test
    void aPollingTriggerIsEvaluatedByAWorkerAndEachFireStartsAnExecution() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/ready", exchange -> {
            byte[] body = ("{\"call\":" + calls.incrementAndGet() + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            cluster.deploy("""
                id: polled
                namespace: millrace.tests
                tasks:
                  - id: echo
                    type: io.millrace.core.debug.Return
                    format: "{{ trigger.body }}"
                triggers:
                  - id: ready
                    type: io.kestra.plugin.core.http.Trigger
                    uri: http://127.0.0.1:%d/ready
                    interval: PT1S
                """.formatted(server.getAddress().getPort()));
            cluster.startScheduler("s1", SETTINGS).awaitRunning(Duration.ofSeconds(60));

            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.executions("millrace.tests", "polled").stream()
                .filter(e -> e.status() == ExecutionStatus.SUCCESS).count() >= 3);
            List<Execution> fired = cluster.executions("millrace.tests", "polled");
            assertThat(fired).allSatisfy(e -> assertThat(e.header().trigger().variables()).containsEntry("code", 200));
            assertThat(fired.stream().map(e -> e.header().trigger().variables().get("body")).distinct().count())
                .as("one execution per evaluation").isEqualTo(fired.size());
        } finally {
            server.stop(0);
        }
    }
}
