package io.millrace.search.elasticsearch;

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
 * JUnit 5 extension: one real Elasticsearch node for the whole test run, started on first use in a
 * temporary directory and stopped (its directory removed) when the run ends. Tests read its address
 * from the system property {@value #URI_PROPERTY}.
 */
public final class ElasticsearchNodeExtension implements BeforeAllCallback {

    /** The system property holding the node's HTTP address once it runs. */
    public static final String URI_PROPERTY = "millrace.test.elasticsearch.uri";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ElasticsearchNodeExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        System.setProperty(URI_PROPERTY, context.getRoot().getStore(NAMESPACE)
            .computeIfAbsent(SharedNode.class, key -> SharedNode.start(), SharedNode.class)
            .node().uri());
    }

    /** The node and its directory, closed by JUnit at the end of the run. */
    record SharedNode(ElasticsearchNode node, Path dir) implements AutoCloseable {

        static SharedNode start() {
            try {
                Path dir = Files.createTempDirectory("millrace-elasticsearch");
                return new SharedNode(new ElasticsearchNode(dir).start(), dir);
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
