package io.millrace.search.elasticsearch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Elasticsearch server core in a child JVM on 127.0.0.1, started from the node home this
 * module's build lays out ({@code target/elasticsearch}: the server on the module path, Netty's
 * transport as a module). Loads no Elasticsearch class in this JVM. For tests of the Elasticsearch
 * client path only: Elastic does not support running the server this way.
 */
public final class ElasticsearchNode implements AutoCloseable {

    /** System property naming the node home, when it is not beside this class's jar or classes. */
    public static final String HOME_PROPERTY = "millrace.elasticsearch.home";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path dataDir;
    private Process process;
    private String uri;

    /** @param dataDir where the node keeps its data and logs */
    public ElasticsearchNode(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** Starts the node and waits until it serves HTTP. */
    public synchronized ElasticsearchNode start() {
        if (process != null) {
            return this;
        }
        Path home = home();
        Path classes = codeSource();
        List<String> command = new ArrayList<>(List.of(
            javaCommand(), "-Xms256m", "-Xmx512m", "-XX:+UseSerialGC",
            "-Dfile.encoding=UTF-8", "-Djava.io.tmpdir=" + dataDir.resolve("tmp"),
            "--enable-native-access=ALL-UNNAMED,org.elasticsearch.nativeaccess,org.apache.lucene.core",
            "--module-path", home.resolve("lib").toString(), "--add-modules", "ALL-MODULE-PATH",
            "-cp", classes.toString(), ElasticsearchNodeMain.class.getName(), home.toString(), dataDir.toString()));
        Deque<String> lastLines = new ArrayDeque<>();
        try {
            Files.createDirectories(dataDir.resolve("tmp"));
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Elasticsearch: " + e.getMessage(), e);
        }
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().daemon().name("elasticsearch-output").start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith(ElasticsearchNodeMain.READY)) {
                        port.complete(Integer.parseInt(line.substring(ElasticsearchNodeMain.READY.length()).trim()));
                    } else if (!port.isDone()) {
                        synchronized (lastLines) {
                            lastLines.addLast(line);
                            if (lastLines.size() > 40) {
                                lastLines.removeFirst();
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            port.completeExceptionally(new IllegalStateException("Elasticsearch exited before serving HTTP"));
        });
        try {
            uri = "http://127.0.0.1:" + port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return this;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while Elasticsearch started", e);
        } catch (ExecutionException | TimeoutException e) {
            close();
            String output;
            synchronized (lastLines) {
                output = String.join("\n", lastLines);
            }
            String why = e instanceof TimeoutException ? "did not serve HTTP within " + START_TIMEOUT.toSeconds() + " s"
                : "exited before serving HTTP";
            throw new IllegalStateException("Elasticsearch " + why + "; its last lines:\n" + output, e);
        } finally {
            if (uri == null) {
                reader.interrupt();
            }
        }
    }

    /** The node's HTTP address, {@code http://127.0.0.1:<port>}. */
    public synchronized String uri() {
        if (uri == null) {
            throw new IllegalStateException("the node is not started");
        }
        return uri;
    }

    /** Stops the node: closes its input (it shuts down), then kills it if it has not ended in 30 s. */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            process = null;
            uri = null;
        }
    }

    /** The node home: {@value #HOME_PROPERTY}, else {@code elasticsearch/} beside this module's classes or jar. */
    static Path home() {
        String configured = System.getProperty(HOME_PROPERTY);
        Path home = configured != null ? Path.of(configured) : codeSource().getParent().resolve("elasticsearch");
        if (!Files.isDirectory(home.resolve("lib")) || !Files.isDirectory(home.resolve("modules"))) {
            throw new IllegalStateException("no Elasticsearch node home at " + home.toAbsolutePath()
                + ": build the millrace-embedded-elasticsearch module (./mvnw -pl embedded-elasticsearch package)"
                + " or set -D" + HOME_PROPERTY);
        }
        return home.toAbsolutePath();
    }

    private static Path codeSource() {
        try {
            return Path.of(ElasticsearchNode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
