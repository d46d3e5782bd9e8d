package io.millrace.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.millrace.kafka.embedded.BootstrapServers;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.WorkerInstance;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.topics.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Spring Boot application: millrace.* keys bound, the worker started and stopped with the context. */
@ExtendWith(KafkaBrokerExtension.class)
class WorkerApplicationTest {

    @TempDir
    Path work;

    private KafkaFixture kafka;

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void theApplicationRunsTasksWithItsSettingsAndStopsCleanly(@BootstrapServers String bootstrap) {
        kafka = new KafkaFixture(bootstrap);
        KafkaFixture.TopicReader<WorkerTaskResult> results = kafka.reader(Topic.WORKER_TASK_RESULTS);
        KafkaFixture.TopicReader<WorkerInstance> instances = kafka.reader(Topic.WORKER_INSTANCES);

        ConfigurableApplicationContext app = new SpringApplicationBuilder(WorkerApplication.class, Meters.class)
            .properties(
                "millrace.kafka.defaults.topic-prefix=" + kafka.prefix(),
                "millrace.kafka.defaults.consumer-prefix=" + kafka.prefix(),
                "millrace.kafka.defaults.topic.partitions=" + KafkaFixture.PARTITIONS,
                "millrace.worker.id=spring-worker",
                "millrace.worker.concurrency=3",
                "millrace.worker.shutdown-grace=1s",
                "millrace.worker.work-dir=" + work,
                "millrace.worker.envs[0]=PATH")
            .run();
        Worker worker = app.getBean(Worker.class);
        try {
            assertThat(worker.isRunning()).isTrue();
            MeterRegistry registry = app.getBean(MeterRegistry.class);
            assertThat(registry.get("millrace.worker.slots").tag("state", "idle").gauge().value()).isEqualTo(3.0);

            kafka.send(TestTasks.task("exec-1", "tr-1", 1, """
                id: path
                type: io.millrace.core.debug.Return
                format: "{{ envs.PATH is defined }}"
                """));

            await().atMost(Duration.ofSeconds(30)).until(() -> !results.values().isEmpty());
            WorkerTaskResult result = results.values().getFirst();
            assertThat(result.workerId()).isEqualTo("spring-worker");
            assertThat(result.status()).isEqualTo(TaskRunStatus.SUCCESS);
            assertThat(result.outputs()).containsEntry("value", "true");
        } finally {
            app.close();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<ConsumerRecord<String, WorkerInstance>> all = instances.poll();
            return !all.isEmpty() && all.getLast().key().equals("spring-worker") && all.getLast().value() == null;
        });
        assertThat(worker.isRunning()).isFalse();
    }

    /** The application's meter registry, which the worker's meters go to. */
    @Configuration(proxyBeanMethods = false)
    static class Meters {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
