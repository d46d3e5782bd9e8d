package io.millrace.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Internal storage in a directory of the local file system, for one machine or a shared volume:
 * {@code millrace:///a/b.txt} is {@code base/a/b.txt}.
 */
public final class LocalInternalStorage implements InternalStorage {

    private final Path base;

    public LocalInternalStorage(Path base) {
        this.base = base.toAbsolutePath().normalize();
    }

    @Override
    public URI put(URI uri, InputStream content) throws IOException {
        Path target = resolve(uri);
        Files.createDirectories(target.getParent());
        // Write beside the target then move, so a reader never sees half a file.
        Path partial = Files.createTempFile(target.getParent(), ".partial-", "");
        try {
            Files.copy(content, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return uri;
    }

    @Override
    public Optional<InputStream> get(URI uri) throws IOException {
        try {
            return Optional.of(Files.newInputStream(resolve(uri)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean delete(URI uri) throws IOException {
        return Files.deleteIfExists(resolve(uri));
    }

    @Override
    public Optional<Long> size(URI uri) throws IOException {
        Path file = resolve(uri);
        return Files.isRegularFile(file) ? Optional.of(Files.size(file)) : Optional.empty();
    }

    @Override
    public int deleteAll(URI prefix) throws IOException {
        Path folder = resolve(prefix);
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(folder)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        int files = 0;
        for (Path p : paths) {
            if (Files.isRegularFile(p)) {
                files++;
            }
            Files.deleteIfExists(p);
        }
        return files;
    }

    /** The file of {@code uri}, refusing any URI that would escape the base directory. */
    Path resolve(URI uri) {
        if (!SCHEME.equalsIgnoreCase(uri.getScheme()) || uri.getPath() == null || !uri.getPath().startsWith("/")) {
            throw new IllegalArgumentException("not an internal storage URI (millrace:///path): " + uri);
        }
        Path path = base.resolve(uri.getPath().substring(1)).normalize();
        if (!path.startsWith(base) || path.equals(base)) {
            throw new IllegalArgumentException("internal storage URI outside the storage: " + uri);
        }
        return path;
    }
}
