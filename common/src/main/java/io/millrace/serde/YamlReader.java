package io.millrace.serde;

import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads YAML text into a tree with Jackson's streaming YAML parser, recording the line and column
 * of every key and value by path. Duplicate keys and syntax errors become {@link FlowProblem}s
 * with their position; no parser exception escapes. Aliases ({@code *name}) are resolved to a copy
 * of their anchor, within a budget that stops "billion laughs" documents.
 */
final class YamlReader {

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Most nodes that alias expansion may create in one document. */
    private static final int ALIAS_BUDGET = 100_000;
    private static final String EMPTY = "the file is empty; a flow needs at least an id, a namespace and tasks";
    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");

    private final String text;
    private final Locations locations = new Locations();
    private final List<FlowProblem> problems = new ArrayList<>();
    private final Map<String, Anchor> anchors = new HashMap<>();
    private int aliasNodes;
    private JsonParser parser;

    private record Anchor(JsonNode node, String path) {
    }

    private YamlReader(String text) {
        this.text = text;
    }

    /** Reads {@code text}; never throws for bad input. */
    static YamlDocument read(String text) {
        return new YamlReader(text == null ? "" : text).read();
    }

    private YamlDocument read() {
        JsonNode root = null;
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            parser = p;
            JsonToken first = p.nextToken();
            if (first != null) {
                root = readValue(first, Paths.ROOT);
                if (p.nextToken() != null) {
                    // the first document is still checked: its problems are worth reporting too
                    Locations.Mark m = mark(p.currentTokenLocation());
                    problems.add(new FlowProblem(m.line(), m.column(), Paths.ROOT,
                        "a flow file holds one YAML document, but a second one starts here"));
                }
            }
        } catch (JacksonException e) {
            problems.add(syntaxProblem(e));
            return unreadable();
        } catch (AliasBudgetExceeded e) {
            problems.add(new FlowProblem(e.mark.line(), e.mark.column(), e.path,
                "aliases expand to more than " + ALIAS_BUDGET + " values; the document is too large"));
            return unreadable();
        }
        if (root == null || root.isNull()) {
            problems.add(new FlowProblem(1, 1, Paths.ROOT, EMPTY));
            return unreadable();
        }
        if (!(root instanceof ObjectNode mapping)) {
            problems.add(new FlowProblem(1, 1, Paths.ROOT,
                "a flow must be a YAML mapping (id, namespace, tasks…), not " + ValueCheck.describe(root)));
            return unreadable();
        }
        return new YamlDocument(mapping, locations, problems);
    }

    private YamlDocument unreadable() {
        return new YamlDocument(null, locations, problems);
    }

    /** Reads the value starting at {@code token}; {@code path} is null for values that are dropped. */
    private JsonNode readValue(JsonToken token, String path) {
        Locations.Mark at = mark(parser.currentTokenLocation());
        if (path != null) {
            locations.value(path, at);
        }
        Object anchor = token == JsonToken.PROPERTY_NAME ? null : parser.getObjectId();
        JsonNode node = switch (token) {
            case START_OBJECT -> readObject(path);
            case START_ARRAY -> readArray(path);
            case VALUE_STRING -> isAlias() ? resolveAlias(parser.getString(), path, at) : scalar(parser.getString());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_EMBEDDED_OBJECT -> parser.getEmbeddedObject() instanceof byte[] bytes
                ? NODES.binaryNode(bytes) : NODES.stringNode(parser.getString());
            default -> NODES.nullNode();
        };
        if (anchor != null && path != null) {
            anchors.put(anchor.toString(), new Anchor(node, path));
        }
        return node;
    }

    private ObjectNode readObject(String path) {
        ObjectNode object = NODES.objectNode();
        Map<String, Locations.Mark> seen = new HashMap<>();
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
            String key = parser.currentName();
            Locations.Mark keyMark = mark(parser.currentTokenLocation());
            String child = path == null ? null : Paths.property(path, key);
            Locations.Mark first = seen.putIfAbsent(key, keyMark);
            if (first != null) {
                problems.add(new FlowProblem(keyMark.line(), keyMark.column(), child == null ? "" : child,
                    "duplicate key '" + key + "' (first at line " + first.line() + ")"));
                readValue(parser.nextToken(), null);
                continue;
            }
            if (child != null) {
                locations.key(child, keyMark);
            }
            object.set(key, readValue(parser.nextToken(), child));
        }
        return object;
    }

    private ArrayNode readArray(String path) {
        ArrayNode array = NODES.arrayNode();
        JsonToken t;
        int i = 0;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY && t != null) {
            array.add(readValue(t, path == null ? null : Paths.index(path, i)));
            i++;
        }
        return array;
    }

    /**
     * A string, or null for a plain {@code ~}, {@code Null}, {@code NULL} or empty value: Jackson's
     * YAML parser reads only {@code null} as null, while YAML's core schema (and Kestra) read them all.
     */
    private JsonNode scalar(String value) {
        if (NULLS.contains(value) && !isQuotedOrBlock(parser.currentTokenLocation().getCharOffset())) {
            return NODES.nullNode();
        }
        return NODES.stringNode(value);
    }

    /** Whether the scalar starting at code point {@code offset} is quoted or a block scalar. */
    private boolean isQuotedOrBlock(long offset) {
        try {
            int index = text.offsetByCodePoints(0, (int) offset);
            char c = text.charAt(index);
            return c == '\'' || c == '"' || c == '|' || c == '>';
        } catch (IndexOutOfBoundsException e) {
            return false;
        }
    }

    private boolean isAlias() {
        return parser instanceof YAMLParser y && y.isCurrentAlias();
    }

    private JsonNode resolveAlias(String name, String path, Locations.Mark at) {
        Anchor anchor = anchors.get(name);
        if (anchor == null) {
            problems.add(new FlowProblem(at.line(), at.column(), path == null ? "" : path,
                "alias '*" + name + "' names no anchor defined before it"));
            return NODES.nullNode();
        }
        aliasNodes += count(anchor.node());
        if (aliasNodes > ALIAS_BUDGET) {
            throw new AliasBudgetExceeded(at, path == null ? "" : path);
        }
        if (path != null) {
            locations.copy(anchor.path(), path);
            locations.value(path, at);
        }
        return anchor.node().deepCopy();
    }

    private static int count(JsonNode node) {
        int n = 1;
        for (JsonNode child : node.values()) {
            n += count(child);
        }
        return n;
    }

    private static Locations.Mark mark(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return Locations.Mark.START;
        }
        return new Locations.Mark(location.getLineNr(), Math.max(1, location.getColumnNr()));
    }

    private FlowProblem syntaxProblem(JacksonException e) {
        if (e.getCause() instanceof MarkedYamlEngineException m) {
            Locations.Mark at = m.getProblemMark().or(m::getContextMark)
                .map(k -> new Locations.Mark(k.getLine() + 1, k.getColumn() + 1))
                .orElse(mark(e.getLocation()));
            StringBuilder message = new StringBuilder("YAML syntax error: ").append(clean(m.getProblem()));
            if (m.getContext() != null && m.getContextMark().isPresent() && m.getProblemMark().isPresent()
                && m.getContextMark().get().getIndex() != m.getProblemMark().get().getIndex()) {
                var c = m.getContextMark().get();
                message.append(" (").append(clean(m.getContext())).append(" at line ").append(c.getLine() + 1)
                    .append(", column ").append(c.getColumn() + 1).append(')');
            }
            if (looksLikeIndentation(m.getProblem())) {
                message.append("; check the indentation");
            }
            return new FlowProblem(at.line(), at.column(), Paths.ROOT, message.toString());
        }
        if (e.getCause() instanceof ReaderException r) {
            Locations.Mark at = markOfCodePoint(r.getPosition());
            return new FlowProblem(at.line(), at.column(), Paths.ROOT, String.format(
                "YAML syntax error: character U+%04X is not allowed in YAML (is this a binary file?)", r.getCodePoint()));
        }
        Locations.Mark at = mark(e.getLocation());
        if (e instanceof StreamConstraintsException) {
            return new FlowProblem(at.line(), at.column(), Paths.ROOT,
                "the document is nested too deeply or is too large to be a flow");
        }
        String original = e.getOriginalMessage();
        if (original != null && original.startsWith("Expected a property name")) {
            // a mapping used as a key: almost always an unquoted template, `message: {{ x }}`
            String line = text.lines().skip(at.line() - 1L).findFirst().orElse("");
            int template = line.indexOf("{{");
            if (template >= 0) {
                return new FlowProblem(at.line(), template + 1, Paths.ROOT,
                    "YAML syntax error: a value starting with '{{' must be quoted, e.g. message: \"{{ inputs.name }}\"");
            }
            return new FlowProblem(at.line(), at.column(), Paths.ROOT,
                "YAML syntax error: a key must be a plain value, not a mapping or a list");
        }
        return new FlowProblem(at.line(), at.column(), Paths.ROOT, "YAML syntax error: the text cannot be read as YAML");
    }

    private static boolean looksLikeIndentation(String problem) {
        return problem != null && (problem.contains("<block end>") || problem.contains("mapping values are not allowed"));
    }

    /** Tidies a message of the YAML scanner for users: no tab markers, no trailing punctuation noise. */
    private static String clean(String message) {
        if (message == null) {
            return "unexpected text";
        }
        return message.replace("character '\\t(TAB)'", "a tab").replace("\\t(TAB)", "tabs").strip();
    }

    private Locations.Mark markOfCodePoint(int position) {
        int line = 1;
        int column = 1;
        int index = 0;
        for (int cp = 0; cp < position && index < text.length(); cp++) {
            int c = text.codePointAt(index);
            index += Character.charCount(c);
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Locations.Mark(line, column);
    }

    /** Stops reading a document whose aliases expand beyond {@link #ALIAS_BUDGET}. */
    private static final class AliasBudgetExceeded extends RuntimeException {
        final Locations.Mark mark;
        final String path;

        AliasBudgetExceeded(Locations.Mark mark, String path) {
            super(null, null, false, false);
            this.mark = mark;
            this.path = path;
        }
    }
}
