package io.millrace.template;

import io.pebbletemplates.pebble.extension.Function;

import java.util.List;
import java.util.Map;

/**
 * {@code render(text)}: renders text that itself holds templates (a variable written as
 * {@code "{{ trigger.date ?? execution.startDate }}"}), pass after pass until nothing changes;
 * {@code renderOnce(text)} (or {@code render(text, recursive=false)}) makes one pass. Both see the
 * variables in scope where they are called and are bounded in depth.
 */
final class RenderFunctions {

    private RenderFunctions() {
    }

    static Map<String, Function> functions() {
        return Map.of(
            "render", new TemplateFunction("render", List.of("toRender", "recursive"),
                call -> render(call, call.bool("recursive", true))),
            "renderOnce", new TemplateFunction("renderOnce", List.of("toRender"), call -> render(call, false)));
    }

    private static Object render(Call call, boolean recursive) {
        Object input = call.arg("toRender");
        if (!(input instanceof String text)) {
            // a map, a number: nothing to render, as in Kestra
            return input;
        }
        RenderSession session = call.session();
        EnclosingScope scope = new EnclosingScope(call.context());
        String current = text;
        for (int pass = 0; TemplateEngine.isTemplate(current); pass++) {
            if (pass == session.maxDepth()) {
                throw call.fail("the text still holds templates after " + pass
                    + " passes (do variables refer to each other?)");
            }
            String next = session.renderNested(current, scope, call);
            if (!recursive || next.equals(current)) {
                return next;
            }
            current = next;
        }
        return current;
    }
}
