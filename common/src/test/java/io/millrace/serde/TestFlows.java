package io.millrace.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The flows under {@code src/test/resources/flows}. */
final class TestFlows {

    private TestFlows() {
    }

    /** The YAML files of {@code flows/<folder>}, sorted by name. */
    static List<Path> files(String folder) {
        URL url = TestFlows.class.getClassLoader().getResource("flows/" + folder);
        if (url == null) {
            throw new IllegalStateException("no test resources flows/" + folder);
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of {@code flows/<folder>/<name>}. */
    static String read(String folder, String name) {
        return read(files(folder).stream().filter(p -> p.getFileName().toString().equals(name)).findFirst()
            .orElseThrow(() -> new IllegalStateException("no flow " + folder + "/" + name)));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
