package io.millrace.kafka.embedded;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Gives tests a real Kafka broker: one {@link EmbeddedKafka} per test JVM, started by the first
 * test class that uses the extension and stopped when all tests have run, with its data in a
 * temporary directory that is then deleted.
 *
 * <pre>{@code
 * @ExtendWith(KafkaBrokerExtension.class)
 * class SomethingTest {
 *     @Test
 *     void works(@BootstrapServers String bootstrap) { … }
 *     @Test
 *     void alsoWorks(EmbeddedKafka kafka) { … kafka.bootstrapServers() … }
 * }
 * }</pre>
 *
 * While the broker runs, the system property {@value #BOOTSTRAP_PROPERTY} holds its address, so
 * a Spring Boot test started after it binds {@code millrace.kafka} to it with no set-up. Tests
 * share the broker: give topics and groups names of their own.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    /** The system property set to the broker's address while it runs. */
    public static final String BOOTSTRAP_PROPERTY = "millrace.kafka.client.properties.bootstrap.servers";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        broker(context);
    }

    /** Quiets the broker's logs again, should an application context have configured the logging since. */
    @Override
    public void beforeEach(ExtensionContext context) {
        QuietLogs.apply();
    }

    /** The broker of this test JVM, started on first use. */
    public static EmbeddedKafka broker(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
            .computeIfAbsent(SharedBroker.class, key -> SharedBroker.start(), SharedBroker.class)
            .kafka();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EmbeddedKafka.class
            || type == String.class && parameter.isAnnotated(BootstrapServers.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        EmbeddedKafka kafka = broker(context);
        if (parameter.getParameter().getType() == EmbeddedKafka.class) {
            return kafka;
        }
        if (!kafka.isRunning()) {
            throw new ParameterResolutionException("the shared Kafka broker was stopped by a test; tests must not close it");
        }
        return kafka.bootstrapServers();
    }

    /** The broker and its temporary directory, closed together by JUnit at the end of the run. */
    private record SharedBroker(EmbeddedKafka kafka, Path dir) implements AutoCloseable {

        static SharedBroker start() {
            Path dir;
            try {
                dir = Files.createTempDirectory("millrace-test-kafka-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a directory for the test broker", e);
            }
            EmbeddedKafka kafka = new EmbeddedKafka(dir).start();
            System.setProperty(BOOTSTRAP_PROPERTY, kafka.bootstrapServers());
            return new SharedBroker(kafka, dir);
        }

        @Override
        public void close() throws IOException {
            System.clearProperty(BOOTSTRAP_PROPERTY);
            kafka.close();
            deleteTree(dir);
        }

        private static void deleteTree(Path root) throws IOException {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
    }
}
