package io.millrace.template;

import io.millrace.serde.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

import java.io.Writer;
import java.util.function.Consumer;

/** JSON and YAML text to and from template values; JSON goes through the mapper every Millrace component shares. */
final class DataFormats {

    // block style and no "---": the output is meant to be pasted into YAML documents (see the indent filters)
    private static final YAMLMapper YAML = YAMLMapper.builder()
        .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
        .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
        .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
        .disable(YAMLWriteFeature.SPLIT_LINES)
        .build();

    private DataFormats() {
    }

    /** Compact JSON of a value. */
    static String toJson(Object value) {
        Values.requireData(value);
        return write("JSON", w -> Json.mapper().writeValue(w, value));
    }

    /** What a mapper writes, into a text bounded by the render's size limit. */
    private static String write(String format, Consumer<Writer> mapper) {
        BoundedWriter out = new BoundedWriter("the " + format + " of a value");
        try {
            mapper.accept(out);
        } catch (JacksonException e) {
            // the writer's refusal comes back wrapped
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof RenderBudget.BudgetExceeded exceeded) {
                    throw exceeded;
                }
            }
            throw e;
        }
        return out.toString();
    }

    /** Parses JSON text into plain values; fails with the parser's reason. */
    static Object fromJson(String text) {
        try {
            return Json.parse(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Whether the text parses as JSON. */
    static boolean isJson(String text) {
        try {
            Json.parse(text);
            return true;
        } catch (JacksonException e) {
            return false;
        }
    }

    /** YAML of a value, without document marker nor trailing newline. */
    static String toYaml(Object value) {
        Values.requireData(value);
        String yaml = write("YAML", w -> YAML.writeValue(w, value));
        return yaml.endsWith("\n") ? yaml.substring(0, yaml.length() - 1) : yaml;
    }

    /** Parses YAML text into plain values; fails with the parser's reason. */
    static Object fromYaml(String text) {
        try {
            return YAML.readValue(text, Object.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("invalid YAML: " + e.getOriginalMessage(), e);
        }
    }
}
