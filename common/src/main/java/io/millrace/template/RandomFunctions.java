package io.millrace.template;

import io.pebbletemplates.pebble.extension.Function;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** {@code uuid()} (a random UUID) and {@code randomInt(lower, upper)} (lower included, upper excluded). */
final class RandomFunctions {

    private RandomFunctions() {
    }

    static Map<String, Function> functions() {
        return Map.of(
            "uuid", new TemplateFunction("uuid", List.of(), call -> UUID.randomUUID().toString()),
            "randomInt", new TemplateFunction("randomInt", List.of("lower", "upper"), call -> {
                long lower = call.integer("lower");
                long upper = call.integer("upper");
                if (lower >= upper) {
                    throw call.fail("lower (" + lower + ") must be less than upper (" + upper + ")");
                }
                return ThreadLocalRandom.current().nextLong(lower, upper);
            }));
    }
}
