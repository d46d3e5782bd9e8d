package io.millrace.util;

import java.time.Duration;

/** Durations as messages to users write them. */
public final class Durations {

    private Durations() {
    }

    /** {@code 30 s}, {@code 2.5 s}: seconds, with the fraction only when there is one. */
    public static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }
}
