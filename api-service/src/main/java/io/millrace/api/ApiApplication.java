package io.millrace.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The api service on its own: {@code java -jar millrace-api-service-exec.jar}. */
@SpringBootApplication
@Import(ApiConfiguration.class)
public class ApiApplication {

    /**
     * Defaults of any application that serves the api: requests on virtual threads (a request that
     * waits for an execution's end, or follows it, holds no platform thread).
     */
    public static final java.util.Map<String, Object> DEFAULTS = java.util.Map.of("spring.threads.virtual.enabled", "true");

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(ApiApplication.class);
        app.setDefaultProperties(DEFAULTS);
        app.run(args);
    }
}
