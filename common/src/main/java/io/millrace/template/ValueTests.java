package io.millrace.template;

import io.pebbletemplates.pebble.extension.Test;
import io.pebbletemplates.pebble.extension.core.DefinedTest;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.util.List;
import java.util.Map;

/** Tests ({@code x is …}) added to Pebble's: {@code json}, and a {@code null} that accepts undefined values. */
final class ValueTests {

    private ValueTests() {
    }

    static Map<String, Test> tests() {
        return Map.of("null", new NullOrUndefined(), "json", new JsonText());
    }

    /**
     * {@code x is null}, true for an undefined {@code x} too. Pebble spares only {@link DefinedTest}
     * and its subclasses from strict-mode errors on an undefined operand, hence the parent class.
     */
    static final class NullOrUndefined extends DefinedTest {
        @Override
        public boolean apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                             int lineNumber) {
            return input == null;
        }
    }

    /** {@code x is json}: {@code x} is text that parses as JSON. */
    static final class JsonText implements Test {
        @Override
        public boolean apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                             int lineNumber) {
            return input instanceof String text && DataFormats.isJson(text);
        }

        @Override
        public List<String> getArgumentNames() {
            return null;
        }
    }
}
