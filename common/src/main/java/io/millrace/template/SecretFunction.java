package io.millrace.template;

import java.util.List;

/**
 * {@code secret('KEY')}: a secret as seen from the flow's namespace (the one the render's caller
 * gave, not one the template sets). Every value read is reported to the render's caller, which
 * masks it in logs.
 */
final class SecretFunction {

    private SecretFunction() {
    }

    static TemplateFunction of(SecretProvider secrets) {
        return new TemplateFunction("secret", List.of("key"), call -> {
            String key = call.string("key");
            String namespace = call.session().namespace();
            String value = secrets.secret(namespace, key)
                .orElseThrow(() -> call.failAsIs("secret '" + key + "' not found"
                    + (namespace == null ? "" : " for namespace " + namespace + " (nor its parents, nor global)")));
            call.session().secretRead(value);
            return value;
        });
    }
}
