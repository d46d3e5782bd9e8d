package io.millrace.search.embedded;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * JUnit 5 extension: one real OpenSearch node for the whole test run, started on first use in a
 * temporary directory and stopped (its directory removed) when the run ends. Tests read its address
 * with {@link #uri(ExtensionContext)} or, after {@code @ExtendWith}, from the system property
 * {@value #URI_PROPERTY}.
 */
public final class OpenSearchNodeExtension implements BeforeAllCallback {

    /** The system property holding the node's HTTP address once it runs. */
    public static final String URI_PROPERTY = "millrace.test.opensearch.uri";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(OpenSearchNodeExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        System.setProperty(URI_PROPERTY, uri(context));
    }

    /** The node of this test run, started on first use. */
    public static String uri(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
            .computeIfAbsent(SharedNode.class, key -> SharedNode.start(), SharedNode.class)
            .node().uri();
    }

    /** The node and its directory, closed by JUnit at the end of the run. */
    record SharedNode(EmbeddedOpenSearch node, Path dir) implements AutoCloseable {

        static SharedNode start() {
            try {
                Path dir = Files.createTempDirectory("millrace-opensearch");
                return new SharedNode(new EmbeddedOpenSearch(dir, 0).start(), dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            node.close();
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
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
