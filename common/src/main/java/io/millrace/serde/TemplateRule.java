package io.millrace.serde;

import io.millrace.template.TemplateEngine;
import io.millrace.template.TemplateException;
import tools.jackson.databind.JsonNode;

import java.util.Map;

/**
 * Every string holding template syntax ({@code {{ }}}, {@code {% %}}) parses. Run on the tree as
 * written, before plugin defaults copy values around, so each template is reported once, where it is.
 */
final class TemplateRule {

    private final TemplateEngine engine;

    TemplateRule(TemplateEngine engine) {
        this.engine = engine;
    }

    void check(JsonNode node, String path, Problems problems) {
        if (node.isString()) {
            checkString(node.asString(), path, problems);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), Paths.index(path, i), problems);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                check(e.getValue(), Paths.property(path, e.getKey()), problems);
            }
        }
    }

    private void checkString(String text, String path, Problems problems) {
        if (!TemplateEngine.isTemplate(text)) {
            return;
        }
        try {
            engine.check(text);
        } catch (TemplateException e) {
            // the engine's message already says where in the template ("in '{{ x }}' at line n")
            problems.atValue(path, "invalid template: " + (e.getMessage() == null ? "it cannot be parsed" : e.getMessage()));
        } catch (RuntimeException e) {
            problems.atValue(path, "invalid template");
        } catch (StackOverflowError e) {
            // a chain Pebble parses recursively that the nesting check does not count (not not not … x)
            problems.atValue(path, "invalid template: it nests too deeply to be parsed; simplify it");
        }
    }
}
