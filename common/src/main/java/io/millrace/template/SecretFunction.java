package io.millrace.template;

import java.util.List;
import java.util.Map;

/**
 * {@code secret('KEY')}: a secret as seen from the flow's namespace. Every value read is reported
 * to the render's caller, which masks it in logs.
 */
final class SecretFunction {

    private SecretFunction() {
    }

    static TemplateFunction of(SecretProvider secrets) {
        return new TemplateFunction("secret", List.of("key"), call -> {
            String key = call.string("key");
            String value = secrets.secret(namespace(call), key)
                .orElseThrow(() -> call.failAsIs("secret '" + key + "' not found"));
            call.session().secretRead(value);
            return value;
        });
    }

    private static String namespace(Call call) {
        Object flow = call.context().getVariable("flow");
        return flow instanceof Map<?, ?> f && f.get("namespace") instanceof String namespace ? namespace : null;
    }
}
