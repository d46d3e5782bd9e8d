package io.millrace.cli.standalone;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A flow directory stays deployed: at start, on change, on deletion; bad files are left out. */
class FlowDirectoryWatcherTest {

    @TempDir
    Path dir;

    private final Publisher publisher = new Publisher();
    private FlowDirectoryWatcher watcher;

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
    }

    @Test
    void deploysEveryFlowFileAtStartAndLeavesOutWhatIsNotAFlow() throws IOException {
        write("a.yaml", flow("team", "a", "one"));
        write("sub/b.yml", flow("team", "b", "one"));
        write("notes.txt", "not a flow");
        write("broken.yaml", "id: broken\n");

        watcher = FlowDirectoryWatcher.start(dir, publisher);

        assertThat(publisher.flows).containsOnlyKeys("team.a", "team.b");
        assertThat(watcher.deployed()).hasSize(2);
    }

    @Test
    void aFlowThatNeedsAnotherOneIsRetriedAfterTheOthers() throws IOException {
        // "a-parent" sorts before "z-child" but needs it
        write("a-parent.yaml", flow("team", "parent", "one") + "# needs team.child\n");
        write("z-child.yaml", flow("team", "child", "one"));

        watcher = FlowDirectoryWatcher.start(dir, publisher);

        assertThat(publisher.flows).containsOnlyKeys("team.parent", "team.child");
    }

    @Test
    void redeploysAChangedFileAndDeletesTheFlowOfARemovedOne() throws IOException {
        write("a.yaml", flow("team", "a", "one"));
        write("b.yaml", flow("team", "b", "one"));
        watcher = FlowDirectoryWatcher.start(dir, publisher);

        write("a.yaml", flow("team", "a", "two"));
        Files.delete(dir.resolve("b.yaml"));
        write("c.yaml", flow("team", "c", "one"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(publisher.flows).containsOnlyKeys("team.a", "team.c");
            assertThat(publisher.flows.get("team.a")).contains("two");
        });
        assertThat(publisher.deleted).containsExactly("team.b");
    }

    @Test
    void aFileThatNowDefinesAnotherFlowDeletesTheFormerOne() throws IOException {
        write("a.yaml", flow("team", "a", "one"));
        watcher = FlowDirectoryWatcher.start(dir, publisher);

        write("a.yaml", flow("team", "renamed", "one"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
            assertThat(publisher.flows).containsOnlyKeys("team.renamed"));
        assertThat(publisher.deleted).containsExactly("team.a");
    }

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static String flow(String namespace, String id, String message) {
        return """
            id: %s
            namespace: %s
            tasks:
              - id: say
                type: io.kestra.plugin.core.log.Log
                message: %s
            """.formatted(id, namespace, message);
    }

    /**
     * Takes sources that have an id and a namespace; refuses the others, and a source that says it
     * needs a flow not deployed yet.
     */
    private static final class Publisher implements FlowPublisher {
        private static final Pattern ID = Pattern.compile("(?m)^id: (\\S+)");
        private static final Pattern NAMESPACE = Pattern.compile("(?m)^namespace: (\\S+)");
        private static final Pattern NEEDS = Pattern.compile("(?m)^# needs (\\S+)");

        final Map<String, String> flows = new ConcurrentHashMap<>();
        final List<String> deleted = new CopyOnWriteArrayList<>();

        @Override
        public FlowKey deploy(String source) {
            Matcher id = ID.matcher(source);
            Matcher ns = NAMESPACE.matcher(source);
            if (!id.find() || !ns.find()) {
                throw new IllegalArgumentException("not a flow");
            }
            Matcher needs = NEEDS.matcher(source);
            if (needs.find() && !flows.containsKey(needs.group(1))) {
                throw new IllegalArgumentException("needs " + needs.group(1));
            }
            FlowKey key = new FlowKey(ns.group(1), id.group(1));
            flows.put(key.toString(), source);
            return key;
        }

        @Override
        public void delete(FlowKey flow) {
            flows.remove(flow.toString());
            deleted.add(flow.toString());
        }
    }
}
