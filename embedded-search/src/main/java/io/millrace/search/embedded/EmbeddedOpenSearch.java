package io.millrace.search.embedded;

import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.cluster.health.ClusterHealthStatus;
import org.opensearch.http.HttpServerTransport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A single OpenSearch node in this JVM, bound to 127.0.0.1: the standalone server's search store
 * and the tests' real one. Its data lives in the directory the caller chooses, so a restart on the
 * same directory finds every index again. Not for production: one node, no replicas, no security.
 */
public final class EmbeddedOpenSearch implements AutoCloseable {

    private final Path dir;
    private final int port;
    private OpenSearchRunner runner;
    private String uri;

    /**
     * @param dir  where the node keeps its data and configuration
     * @param port the HTTP port on 127.0.0.1, or 0 for a free one
     */
    public EmbeddedOpenSearch(Path dir, int port) {
        this.dir = dir.toAbsolutePath().normalize();
        this.port = port;
    }

    /** Starts the node and waits until it serves requests (cluster health yellow or green). */
    public synchronized EmbeddedOpenSearch start() {
        if (runner != null) {
            return this;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        OpenSearchRunner r = new OpenSearchRunner();
        r.onBuild((index, settings) -> settings
            .put("network.host", "127.0.0.1")
            .put("http.port", port == 0 ? "0" : String.valueOf(port))
            .put("transport.port", "0")
            .put("discovery.type", "single-node")
            .put("action.auto_create_index", "true"));
        // OpenSearch's own log set-up wants Log4j's core as the Log4j API's back end; leaving it out
        // lets its lines go wherever the application's logging (SLF4J, Logback) sends them
        // the runner reads its default configuration through the thread's context class loader: make it
        // ours, whatever thread starts the node (in a Spring Boot jar, a pool thread's loader cannot see it)
        Thread current = Thread.currentThread();
        ClassLoader before = current.getContextClassLoader();
        current.setContextClassLoader(EmbeddedOpenSearch.class.getClassLoader());
        try {
            r.build(new OpenSearchRunner.Configs().basePath(dir.toString()).numOfNode(1).clusterName("millrace")
                .disableESLogger());
        } finally {
            current.setContextClassLoader(before);
        }
        ClusterHealthStatus health = r.ensureYellow();
        if (health == ClusterHealthStatus.RED) {
            closeQuietly(r);
            throw new IllegalStateException("the embedded OpenSearch node in " + dir + " did not become ready");
        }
        HttpServerTransport http = r.node().injector().getInstance(HttpServerTransport.class);
        uri = "http://127.0.0.1:" + http.boundAddress().publishAddress().getPort();
        runner = r;
        return this;
    }

    /** The node's HTTP address, e.g. {@code http://127.0.0.1:9200}. */
    public synchronized String uri() {
        if (uri == null) {
            throw new IllegalStateException("the node is not started");
        }
        return uri;
    }

    @Override
    public synchronized void close() {
        if (runner != null) {
            closeQuietly(runner);
            runner = null;
            uri = null;
        }
    }

    private static void closeQuietly(OpenSearchRunner r) {
        try {
            r.close();
        } catch (IOException e) {
            // stopping: nothing left to do with a node that cannot close its files
        }
    }

}
