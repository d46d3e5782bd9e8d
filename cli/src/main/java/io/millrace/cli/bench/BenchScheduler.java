package io.millrace.cli.bench;

import io.micrometer.core.instrument.MeterRegistry;
import io.millrace.scheduler.SchedulerConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Import;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A scheduler in the bench's process, wired exactly as {@code millrace server scheduler} wires it (the same
 * Spring configuration and settings), with its meters in a registry the bench reads.
 */
@SpringBootConfiguration
@Import(SchedulerConfiguration.class)
class BenchScheduler {

    /**
     * Starts a scheduler against {@code bootstrap} under {@code prefix}, its state in {@code stateDir};
     * close the context to stop it.
     */
    static ConfigurableApplicationContext start(String bootstrap, String prefix, int partitions, Path stateDir,
                                                MeterRegistry meters, StartMark mark, List<String> extra) {
        List<String> args = new ArrayList<>(List.of(
            "--millrace.kafka.client.properties.bootstrap.servers=" + bootstrap,
            "--millrace.kafka.defaults.topic-prefix=" + prefix,
            "--millrace.kafka.defaults.consumer-prefix=" + prefix,
            "--millrace.kafka.defaults.topic.partitions=" + partitions,
            "--millrace.kafka.stream.state-dir=" + stateDir,
            "--spring.main.banner-mode=off"));
        args.addAll(extra);
        return new SpringApplicationBuilder(BenchScheduler.class).web(WebApplicationType.NONE).logStartupInfo(false)
            .initializers(context -> {
                context.getBeanFactory().registerSingleton("benchMeters", meters);
                context.getBeanFactory().registerSingleton("benchStartMark", mark);
            })
            .run(args.toArray(String[]::new));
    }

    /**
     * Notes the wall-clock time at which the scheduler's Kafka Streams application is started: a lifecycle
     * bean of the phase just before the streams' (the default phase), so it starts right before them, once
     * Spring has made every bean.
     */
    static final class StartMark implements SmartLifecycle {

        private volatile long startedMillis = -1;

        @Override
        public void start() {
            startedMillis = System.currentTimeMillis();
        }

        @Override
        public void stop() {
        }

        @Override
        public boolean isRunning() {
            return startedMillis >= 0;
        }

        @Override
        public int getPhase() {
            return SmartLifecycle.DEFAULT_PHASE - 1;
        }

        long startedMillis() {
            return startedMillis;
        }
    }
}
