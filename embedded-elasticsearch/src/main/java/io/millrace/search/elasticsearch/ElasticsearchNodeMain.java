package io.millrace.search.elasticsearch;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.PluginsLoader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The child JVM's entry point: one single-node Elasticsearch server bound to 127.0.0.1, its data in
 * the given directory. Prints {@value #READY}{@code <port>} once it serves HTTP and stops when its
 * standard input closes, so it never outlives the process that started it.
 */
public final class ElasticsearchNodeMain {

    /** The line prefix announcing the HTTP port. */
    static final String READY = "millrace-elasticsearch-ready ";

    private ElasticsearchNodeMain() {
    }

    /** Arguments: the node's home (lib/, modules/, config/), its data directory. */
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        Path data = Path.of(args[1]).toAbsolutePath();
        LogConfigurator.configureESLogging();
        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", data.resolve("data").toString())
            .put("path.logs", data.resolve("logs").toString())
            .put("cluster.name", "millrace-test")
            .put("node.name", "millrace-test")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", "0")
            .put("transport.port", "0")
            .put("action.auto_create_index", "true")
            .build();
        var environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), home.resolve("config"),
            () -> "millrace-test");
        var modules = PluginsLoader.loadModulesBundles(environment.modulesDir(), false);
        Node node = new Node(environment, PluginsLoader.createPluginsLoader(modules, Set.of(), Map.of())).start();
        int port = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
        System.out.println(READY + port);
        System.out.flush();
        waitForEndOfInput(System.in);
        node.close();
        node.awaitClose(30, java.util.concurrent.TimeUnit.SECONDS);
        System.exit(0);
    }

    private static void waitForEndOfInput(InputStream in) {
        try {
            while (in.read() >= 0) {
                // nothing is ever sent: the parent closes the stream (or dies) to stop the node
            }
        } catch (IOException e) {
            // the parent is gone
        }
    }
}
