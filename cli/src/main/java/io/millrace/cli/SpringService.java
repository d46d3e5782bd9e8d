package io.millrace.cli;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one Spring Boot service in the foreground until it stops (Ctrl-C or SIGTERM close the
 * context through Spring's shutdown hook, which stops the service gracefully).
 */
final class SpringService {

    private SpringService() {
    }

    /**
     * Runs {@code application} with Spring arguments ({@code --key=value}) and blocks until its context closes.
     *
     * @param bootstrap Kafka bootstrap servers, or null to take them from the configuration
     */
    static int run(Class<?> application, String bootstrap, List<String> springArgs) {
        List<String> args = new ArrayList<>(springArgs == null ? List.of() : springArgs);
        if (bootstrap != null) {
            args.add("--millrace.kafka.client.properties.bootstrap.servers=" + bootstrap);
        }
        CountDownLatch closed = new CountDownLatch(1);
        SpringApplication app = new SpringApplication(application);
        // the executor and the worker serve no HTTP: the api's web stack on this jar's classpath must
        // not start a server (nor its security a generated password) in them
        app.setWebApplicationType(WebApplicationType.NONE);
        app.addListeners(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        ConfigurableApplicationContext context = app.run(args.toArray(String[]::new));
        if (!context.isActive()) {
            return 1;
        }
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.close();
        }
        return 0;
    }
}
