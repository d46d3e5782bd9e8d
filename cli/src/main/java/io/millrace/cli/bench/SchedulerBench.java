package io.millrace.cli.bench;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.millrace.schedule.FireLog;
import io.millrace.schedule.FireLog.Fire;
import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.TopicsReady;
import io.millrace.kafka.streams.ManagedStreams;
import io.millrace.model.FlowRecord;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduler part of the bench, one run: publishes the {@link ScheduleMix} to {@code flows} of a fresh
 * prefix, starts a scheduler with a fresh state, and reads what it sends — how soon it fires after its
 * start, how long it takes to hold every trigger, and then, over a steady window, how late each fire is,
 * whether every due (flow, date) fired exactly once, and what a tick costs.
 */
final class SchedulerBench {

    /** How long after the window the bench still waits for its late fires before counting misses. */
    static final Duration GRACE = Duration.ofSeconds(10);

    private final String servers;
    private final int partitions;
    private final List<String> springArgs;
    private final Figures figures;
    private final PrintWriter out;

    SchedulerBench(String servers, int partitions, List<String> springArgs, Figures figures, PrintWriter out) {
        this.servers = servers;
        this.partitions = partitions;
        this.springArgs = springArgs;
        this.figures = figures;
        this.out = out;
    }

    /**
     * One run under {@code kafka}'s (fresh) prefix, its scheduler's state in {@code stateDir}, with
     * {@code flowCount} flows firing {@code firesPerSecond} together, measured over {@code window}.
     */
    void run(KafkaClients kafka, Path stateDir, int flowCount, int firesPerSecond, Duration window) throws Exception {
        TopicsReady.ensure(kafka);
        ScheduleMix mix = ScheduleMix.of(flowCount, firesPerSecond, Instant.now());
        String prefix = kafka.settings().defaults().topicPrefix();
        out.printf("  scheduler: %,d flows (%,d every second, %,d every minute, %,d hourly or daily), %.0f fires/s%n",
            mix.total(), mix.everySecond(), mix.everyMinute(), mix.quiet(), mix.firesPerSecond());
        out.flush();
        figures.add("schedules: publish " + String.format("%,d", mix.total()) + " flows", "ms", publish(kafka, mix),
            Figures.Target.NONE);

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        String application = kafka.group("scheduler");
        try (FireLog log = new FireLog(kafka, "millrace-bench-fires", mix.total())) {
            long start = System.currentTimeMillis();
            CpuMeter loadCpu = CpuMeter.start();
            BenchScheduler.StartMark mark = new BenchScheduler.StartMark();
            ConfigurableApplicationContext scheduler = BenchScheduler.start(servers, prefix, partitions, stateDir,
                meters, mark, springArgs);
            try {
                long running = awaitRunning(scheduler);
                long loaded = log.awaitLoaded(Duration.ofMinutes(10)).toEpochMilli();
                double loadCores = loadCpu.cores();
                double loadThreadCpu = BenchClient.cpuNanosContaining(application);
                long streams = mark.startedMillis();
                figures.add("Spring context → scheduler start()", "ms", streams - start, Figures.Target.NONE);
                figures.add("scheduler start() → running (tasks assigned)", "ms", running - streams, Figures.Target.NONE);
                figures.add("scheduler start() → all " + String.format("%,d", mix.total()) + " triggers held", "ms",
                    loaded - streams, Figures.Target.NONE);
                figures.add("process CPU while loading", "cores", loadCores, Figures.Target.NONE);
                figures.add("scheduler CPU per flow loaded (its threads)", "µs", loadThreadCpu / 1e3 / mix.total(),
                    Figures.Target.NONE);

                // the steady window: whole seconds, starting a second after every trigger is held
                long windowStart = (System.currentTimeMillis() / 1000 + 2) * 1000;
                long windowEnd = windowStart + window.toMillis();
                sleepUntil(windowStart);
                CpuMeter cpu = CpuMeter.start();
                long threadCpu = BenchClient.cpuNanosContaining(application);
                Timer tick = meters.timer("millrace.scheduler.tick");
                long ticks = tick.count();
                double tickNanos = tick.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS);
                sleepUntil(windowEnd);
                double cores = cpu.cores();
                double schedulerCpu = BenchClient.cpuNanosContaining(application) - threadCpu;
                long windowTicks = tick.count() - ticks;
                double windowTickNanos = tick.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) - tickNanos;
                sleepUntil(windowEnd + GRACE.toMillis());
                List<Fire> fires = log.fires();

                long first = fires.stream().mapToLong(f -> f.sentAt().toEpochMilli()).min().orElse(Long.MAX_VALUE);
                figures.add("scheduler start() → first fire", "ms", first - streams, Figures.Target.atMost(5_000));
                List<Double> loading = fires.stream().filter(f -> f.sentAt().toEpochMilli() <= loaded)
                    .map(f -> (double) (f.sentAt().toEpochMilli() - f.date().toEpochMilli())).toList();
                figures.add("fire lateness p99 while loading", "ms", Stats.percentile(loading, 99), Figures.Target.NONE);
                steady(mix, fires, windowStart, windowEnd);
                figures.add("process CPU in the steady window", "cores", cores, Figures.Target.NONE);
                figures.add("scheduler CPU per tick (its threads)", "µs",
                    windowTicks == 0 ? Double.NaN : schedulerCpu / 1e3 / windowTicks, Figures.Target.NONE);
                figures.add("scheduler tick time, mean", "µs",
                    windowTicks == 0 ? Double.NaN : windowTickNanos / 1e3 / windowTicks, Figures.Target.NONE);
                figures.add("ticks per second (all tasks)", "/s", windowTicks * 1000.0 / window.toMillis(),
                    Figures.Target.NONE);
                long windowFires = fires.stream().filter(f -> f.date().toEpochMilli() >= windowStart && f.date().toEpochMilli() < windowEnd)
                    .count();
                figures.add("scheduler CPU per fire (its threads)", "µs",
                    windowFires == 0 ? Double.NaN : schedulerCpu / 1e3 / windowFires, Figures.Target.NONE);
            } finally {
                scheduler.close();
            }
        }
    }

    /** Lateness, rate, misses and duplicates of the fires whose dates fall in [start, end). */
    private void steady(ScheduleMix mix, List<Fire> fires, long start, long end) {
        Map<String, Integer> seen = new HashMap<>();
        List<Double> sent = new ArrayList<>();
        List<Double> read = new ArrayList<>();
        int unexpected = 0;
        for (Fire f : fires) {
            if (f.date().toEpochMilli() < start || f.date().toEpochMilli() >= end) {
                continue;
            }
            if (f.date().toEpochMilli() % 1000 != 0 || !mix.due(f.flowId(), f.date().toEpochMilli() / 1000)) {
                unexpected++;
                continue;
            }
            seen.merge(f.flowId() + "@" + f.date().toEpochMilli(), 1, Integer::sum);
            sent.add((double) (f.sentAt().toEpochMilli() - f.date().toEpochMilli()));
            read.add((double) (f.readAt().toEpochMilli() - f.date().toEpochMilli()));
        }
        long expected = 0;
        for (long second = start / 1000; second < end / 1000; second++) {
            expected += mix.dueAt(second);
        }
        int duplicates = seen.values().stream().mapToInt(n -> n - 1).sum();
        double seconds = (end - start) / 1000.0;
        figures.add("fire lateness p50 (sent)", "ms", Stats.percentile(sent, 50), Figures.Target.NONE);
        figures.add("fire lateness p99 (sent)", "ms", Stats.percentile(sent, 99), Figures.Target.atMost(1_000));
        figures.add("fire lateness max (sent)", "ms", Stats.percentile(sent, 100), Figures.Target.NONE);
        figures.add("fire lateness p50 (readable, committed)", "ms", Stats.percentile(read, 50), Figures.Target.NONE);
        figures.add("fire lateness p99 (readable, committed)", "ms", Stats.percentile(read, 99), Figures.Target.NONE);
        figures.add("fires per second (due: " + Figures.format(mix.firesPerSecond()) + ")", "/s",
            seen.size() / seconds, Figures.Target.NONE);
        figures.add("fires missed in the window (of " + String.format("%,d", expected) + ")", "",
            expected - seen.size(), Figures.Target.atMost(0));
        figures.add("fires sent twice in the window", "", duplicates, Figures.Target.atMost(0));
        figures.add("fires not due in the window", "", unexpected, Figures.Target.atMost(0));
    }

    /** Publishes every flow to {@code flows} and waits for the broker's acknowledgement; returns the ms taken. */
    private static double publish(KafkaClients kafka, ScheduleMix mix) {
        List<FlowRecord> flows = mix.flows();
        Map<String, Object> props = kafka.producer("millrace-bench-schedules");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        String topic = kafka.topic(Topic.FLOWS);
        VersionedJsonSerde<FlowRecord> serde = VersionedJsonSerde.of(Topic.FLOWS);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
            new ByteArraySerializer())) {
            long started = System.nanoTime();
            for (FlowRecord flow : flows) {
                producer.send(new ProducerRecord<>(topic, flow.key(), serde.serialize(topic, flow)));
            }
            producer.flush();
            return (System.nanoTime() - started) / 1e6;
        }
    }

    /** When the scheduler's Kafka Streams application was first seen running with partitions. */
    private static long awaitRunning(ConfigurableApplicationContext scheduler) throws InterruptedException {
        ManagedStreams streams = scheduler.getBean(ManagedStreams.class);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING || streams.activePartitions().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the scheduler did not start within 2 minutes (state "
                    + streams.state() + ")");
            }
            Thread.sleep(10);
        }
        return System.currentTimeMillis();
    }

    private static void sleepUntil(long epochMillis) throws InterruptedException {
        long wait;
        while ((wait = epochMillis - System.currentTimeMillis()) > 0) {
            Thread.sleep(Math.min(wait, 500));
        }
    }
}
