package io.millrace.cli;

import io.millrace.kafka.KafkaClients;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one Spring Boot service in the foreground until it stops: Ctrl-C or SIGTERM close the context
 * through Spring's shutdown hook, which stops the service gracefully, while a {@link ShutdownWatchdog}
 * makes sure the process is gone by the end of its grace period.
 */
final class SpringService {

    private SpringService() {
    }

    /**
     * Runs {@code application} with Spring arguments ({@code --key=value}), prints a line once it runs and
     * blocks until its context closes.
     *
     * @param service   what the service is called on its start line ("worker")
     * @param bootstrap Kafka bootstrap servers, or null to take them from the configuration
     */
    static int run(String service, Class<?> application, String bootstrap, List<String> springArgs, PrintWriter out) {
        List<String> args = new ArrayList<>(springArgs == null ? List.of() : springArgs);
        if (bootstrap != null) {
            args.add("--millrace.kafka.client.properties.bootstrap.servers=" + bootstrap);
        }
        ShutdownWatchdog watchdog = ShutdownWatchdog.install();
        CountDownLatch closed = new CountDownLatch(1);
        SpringApplication app = new SpringApplication(application);
        // the executor and the worker serve no HTTP: the api's web stack on this jar's classpath must
        // not start a server (nor its security a generated password) in them
        app.setWebApplicationType(WebApplicationType.NONE);
        app.addListeners(watchdog, event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        ConfigurableApplicationContext context = app.run(args.toArray(String[]::new));
        if (!context.isActive()) {
            return 1;
        }
        watchdog.watch("the " + service, context);
        out.printf("Millrace %s is running, Kafka at %s. Ctrl-C stops it.%n", service,
            context.getBean(KafkaClients.class).admin().get("bootstrap.servers"));
        out.flush();
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.close();
        }
        return 0;
    }
}
