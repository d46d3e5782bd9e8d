package io.millrace.executor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The executor service on its own: {@code java -jar millrace-executor-service-exec.jar}. */
@SpringBootApplication
@Import(ExecutorConfiguration.class)
public class ExecutorApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExecutorApplication.class, args);
    }
}
