package io.millrace.template;

import io.pebbletemplates.pebble.extension.Function;

import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** {@code now()}: the current time as ISO-8601 text, in UTC or in the {@code timeZone} given. */
final class ClockFunctions {

    private ClockFunctions() {
    }

    static Map<String, Function> functions(InstantSource clock) {
        return Map.of("now", new TemplateFunction("now", List.of("timeZone"), call -> {
            // microseconds, as every other date Millrace prints
            var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            return Dates.ISO.format(now.atZone(Dates.zoneOr(call.string("timeZone", null))));
        }));
    }
}
