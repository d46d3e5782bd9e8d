package io.millrace.cli.bench;

import io.millrace.executor.ExecutorConfiguration;
import io.millrace.worker.WorkerConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The executor and a worker in the bench's process, wired exactly as {@code millrace server executor}
 * and {@code millrace server worker} wire them (the same Spring configurations and settings).
 */
@SpringBootConfiguration
@Import({ExecutorConfiguration.class, WorkerConfiguration.class})
class BenchServices {

    /** Starts the services against {@code bootstrap} under {@code prefix}; close the context to stop them. */
    static ConfigurableApplicationContext start(String bootstrap, String prefix, int partitions, Path stateDir,
                                                List<String> extra) {
        List<String> args = new ArrayList<>(List.of(
            "--millrace.kafka.client.properties.bootstrap.servers=" + bootstrap,
            "--millrace.kafka.defaults.topic-prefix=" + prefix,
            "--millrace.kafka.defaults.consumer-prefix=" + prefix,
            "--millrace.kafka.defaults.topic.partitions=" + partitions,
            "--millrace.kafka.stream.state-dir=" + stateDir.resolve("streams"),
            "--millrace.worker.work-dir=" + stateDir.resolve("work"),
            "--millrace.worker.id=bench-worker",
            "--spring.main.banner-mode=off"));
        args.addAll(extra);
        return new SpringApplicationBuilder(BenchServices.class).web(WebApplicationType.NONE)
            .logStartupInfo(false).run(args.toArray(String[]::new));
    }
}
