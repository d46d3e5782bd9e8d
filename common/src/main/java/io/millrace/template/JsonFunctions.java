package io.millrace.template;

import io.pebbletemplates.pebble.extension.Function;

import java.util.List;
import java.util.Map;

/** Functions that parse text into values: {@code fromJson}/{@code json} and {@code fromYaml}/{@code yaml}. */
final class JsonFunctions {

    private JsonFunctions() {
    }

    static Map<String, Function> functions() {
        return Map.of(
            "fromJson", new TemplateFunction("fromJson", List.of("json"), JsonFunctions::json),
            "json", new TemplateFunction("json", List.of("json"), JsonFunctions::json),
            "fromYaml", new TemplateFunction("fromYaml", List.of("yaml"), JsonFunctions::yaml),
            "yaml", new TemplateFunction("yaml", List.of("yaml"), JsonFunctions::yaml));
    }

    private static Object json(Call call) {
        Object text = call.arg("json");
        // already a value (an output that was JSON to begin with): nothing to parse
        return text instanceof String s ? DataFormats.fromJson(s) : text;
    }

    private static Object yaml(Call call) {
        Object text = call.arg("yaml");
        return text instanceof String s ? DataFormats.fromYaml(s) : text;
    }
}
