package io.millrace.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures a fault scenario measured, printed as one line ({@code FAULT-FIGURES scenario k=v…})
 * on the test's output and appended to {@code target/fault-tests/figures.txt}, so that runs can be
 * compared.
 */
final class Figures {

    private final String scenario;
    private final Map<String, String> values = new LinkedHashMap<>();

    Figures(String scenario) {
        this.scenario = scenario;
    }

    Figures add(String name, Object value) {
        values.put(name, String.valueOf(value));
        return this;
    }

    /** A duration in seconds with one decimal ({@code -} when it did not happen). */
    Figures seconds(String name, Duration value) {
        values.put(name, value == null ? "-" : String.format(Locale.ROOT, "%.1fs", value.toMillis() / 1000.0));
        return this;
    }

    /** Prints the line and appends it to the figures file. */
    void print() {
        String line = "FAULT-FIGURES " + scenario + " " + values.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        System.out.println(line);
        try {
            Files.createDirectories(Installation.root());
            Files.writeString(Installation.root().resolve("figures.txt"), java.time.Instant.now() + " " + line + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("(cannot append to the figures file: " + e.getMessage() + ")");
        }
    }
}
