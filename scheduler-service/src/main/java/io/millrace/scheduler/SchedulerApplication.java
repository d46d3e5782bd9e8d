package io.millrace.scheduler;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The scheduler service on its own: {@code java -jar millrace-scheduler-service-exec.jar}. */
@SpringBootApplication
@Import(SchedulerConfiguration.class)
public class SchedulerApplication {

    public static void main(String[] args) {
        SpringApplication.run(SchedulerApplication.class, args);
    }
}
