package io.millrace.kafka;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code docs/configuration.md} against the configuration keys a module declares (the
 * {@code META-INF/spring-configuration-metadata.json} that Spring Boot's configuration processor
 * writes at compile time). Modules with settings of their own can check their keys with it
 * through the common test jar.
 */
public final class ConfigurationReference {

    /** The page, relative to the repository's root. */
    public static final String PAGE = "docs/configuration.md";

    private static final Pattern HEADING = Pattern.compile("^## `(millrace\\.[a-z0-9-]+)`.*$", Pattern.MULTILINE);
    private static final Pattern ROW_KEY = Pattern.compile("^\\| `(millrace\\.[^`]+)` \\|", Pattern.MULTILINE);

    private final Map<String, String> sections;

    private ConfigurationReference(String page) {
        sections = new LinkedHashMap<>();
        Matcher m = HEADING.matcher(page);
        List<Integer> starts = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        while (m.find()) {
            starts.add(m.start());
            prefixes.add(m.group(1));
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1) : page.length();
            sections.put(prefixes.get(i), page.substring(starts.get(i), end));
        }
    }

    /** The page of the repository that contains {@code start} (a module's directory). */
    public static ConfigurationReference read(Path start) {
        try {
            return new ConfigurationReference(Files.readString(root(start).resolve(PAGE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository's root: the nearest directory at or above {@code start} with the Maven wrapper and docs. */
    public static Path root(Path start) {
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docs")) && Files.isRegularFile(p.resolve("mvnw"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root with " + PAGE + " above " + start);
    }

    /** The property names and types of a configuration metadata file. */
    public static Map<String, String> declaredKeys(Path metadata) {
        try {
            JsonNode root = JsonMapper.builder().build().readTree(Files.readString(metadata));
            Map<String, String> keys = new LinkedHashMap<>();
            root.path("properties").forEach(p -> keys.put(p.path("name").asString(), p.path("type").asString("")));
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The heading prefixes ({@code millrace.kafka}…) of the page, in order. */
    public List<String> prefixes() {
        return List.copyOf(sections.keySet());
    }

    /**
     * Which of {@code keys} have no row in the table of their section (the section whose heading
     * is the longest prefix of the key), each with the reason.
     */
    public List<String> undocumented(Iterable<String> keys) {
        List<String> problems = new ArrayList<>();
        for (String key : keys) {
            String prefix = sectionOf(key);
            if (prefix == null) {
                problems.add(key + ": no section \"## `" + topPrefix(key) + "` — …\" in " + PAGE);
            } else if (!rowKeys(prefix).contains(key)) {
                problems.add(key + ": no row \"| `" + key + "` | type | default | meaning |\" in the section \"" + prefix + "\"");
            }
        }
        return problems;
    }

    /**
     * The keys of the page's tables that no declared key accounts for: neither declared, nor an
     * entry of a declared map ({@code .<topic>.name}) or list ({@code [n].type}).
     */
    public List<String> stale(Map<String, String> declared) {
        List<String> stale = new ArrayList<>();
        for (String prefix : sections.keySet()) {
            for (String key : rowKeys(prefix)) {
                boolean known = declared.containsKey(key) || declared.entrySet().stream().anyMatch(d ->
                    (d.getValue().startsWith("java.util.Map<") && key.startsWith(d.getKey() + "."))
                        || (d.getValue().startsWith("java.util.List<") && key.startsWith(d.getKey() + "[")));
                if (!known) {
                    stale.add(key);
                }
            }
        }
        return stale;
    }

    /** The text of the page's section {@code prefix}. */
    public String section(String prefix) {
        return sections.getOrDefault(prefix, "");
    }

    /** {@code millrace.kafka} of {@code millrace.kafka.client.properties}. */
    private static String topPrefix(String key) {
        int second = key.indexOf('.', "millrace.".length());
        return second < 0 ? key : key.substring(0, second);
    }

    private String sectionOf(String key) {
        String best = null;
        for (String prefix : sections.keySet()) {
            if (key.startsWith(prefix + ".") && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best;
    }

    private List<String> rowKeys(String prefix) {
        List<String> keys = new ArrayList<>();
        Matcher m = ROW_KEY.matcher(sections.get(prefix));
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }
}
