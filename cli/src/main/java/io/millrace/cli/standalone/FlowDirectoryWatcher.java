package io.millrace.cli.standalone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keeps the flows of a directory deployed ({@code millrace server standalone --flows DIR}): every
 * {@code .yml}/{@code .yaml} file under it at start, then each file again when it changes, and the
 * flow of a file that disappears is deleted. A file that is not a valid flow is reported and left
 * out; the others still deploy. Changes are applied once the directory has been quiet for a moment,
 * because editors save a file in several writes.
 */
public final class FlowDirectoryWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlowDirectoryWatcher.class);

    /** How long the directory must stay quiet before changes are applied. */
    static final Duration QUIET = Duration.ofMillis(300);

    private final Path root;
    private final FlowPublisher publisher;
    private final Map<Path, FlowPublisher.FlowKey> deployed = new HashMap<>();
    private final WatchService watcher;
    private final Thread thread;

    private FlowDirectoryWatcher(Path root, FlowPublisher publisher) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.publisher = publisher;
        this.watcher = FileSystems.getDefault().newWatchService();
        this.thread = Thread.ofPlatform().daemon().name("millrace-flow-directory").unstarted(this::watch);
    }

    /** Deploys every flow file under {@code root}, then keeps watching it. */
    public static FlowDirectoryWatcher start(Path root, FlowPublisher publisher) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("--flows " + root + " is not a directory");
        }
        try {
            FlowDirectoryWatcher w = new FlowDirectoryWatcher(root, publisher);
            w.registerTree(w.root);
            w.apply(w.flowFiles());
            w.thread.start();
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + root + ": " + e.getMessage(), e);
        }
    }

    /** Flows deployed from the directory, by file. */
    public synchronized Map<Path, FlowPublisher.FlowKey> deployed() {
        return Map.copyOf(deployed);
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                Set<Path> changed = new TreeSet<>();
                collect(key, changed);
                // more events while the editor saves: wait until the directory is quiet
                WatchKey more;
                while ((more = watcher.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    collect(more, changed);
                }
                apply(changed);
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: the server stops
        } catch (RuntimeException e) {
            LOG.error("the watcher of {} stopped: {}", root, e.getMessage(), e);
        }
    }

    private void collect(WatchKey key, Set<Path> changed) {
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                // events were lost: look at every file again
                changed.addAll(flowFiles());
                changed.addAll(deployed().keySet());
                continue;
            }
            Path path = dir.resolve((Path) event.context());
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(path)) {
                registerTree(path);
                changed.addAll(flowFilesUnder(path));
            } else if (isFlowFile(path)) {
                changed.add(path);
            } else {
                // a directory that disappeared takes its files with it
                for (Path p : deployed().keySet()) {
                    if (p.startsWith(path)) {
                        changed.add(p);
                    }
                }
            }
        }
        key.reset();
    }

    private synchronized void apply(Set<Path> paths) {
        List<Path> failed = new ArrayList<>();
        for (Path file : paths) {
            if (Files.isRegularFile(file)) {
                if (!deploy(file, false)) {
                    failed.add(file);
                }
            } else {
                FlowPublisher.FlowKey gone = deployed.remove(file);
                if (gone != null && !deployed.containsValue(gone)) {
                    publisher.delete(gone);
                    LOG.info("flow {} deleted ({} is gone)", gone, root.relativize(file));
                }
            }
        }
        // a flow may need another one deployed first (a Subflow's target): try the failures once more
        for (Path file : failed) {
            deploy(file, true);
        }
    }

    private boolean deploy(Path file, boolean last) {
        try {
            FlowPublisher.FlowKey key = publisher.deploy(Files.readString(file));
            FlowPublisher.FlowKey before = deployed.put(file, key);
            if (before != null && !before.equals(key) && !deployed.containsValue(before)) {
                // the file now defines another flow: the one it defined is gone
                publisher.delete(before);
            }
            LOG.info("flow {} deployed from {}", key, root.relativize(file));
            return true;
        } catch (IOException | RuntimeException e) {
            if (last) {
                LOG.warn("{} is not deployed: {}", root.relativize(file), e.getMessage());
            }
            return false;
        }
    }

    private void registerTree(Path dir) {
        try (Stream<Path> dirs = Files.walk(dir)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                d.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + dir + ": " + e.getMessage(), e);
        }
    }

    private Set<Path> flowFiles() {
        return flowFilesUnder(root);
    }

    private static Set<Path> flowFilesUnder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return new TreeSet<>(files.filter(FlowDirectoryWatcher::isFlowFile).filter(Files::isRegularFile).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isFlowFile(Path p) {
        String n = p.getFileName().toString();
        return (n.endsWith(".yml") || n.endsWith(".yaml")) && !n.startsWith(".");
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            // closing: nothing more to watch
        }
        thread.interrupt();
    }
}
