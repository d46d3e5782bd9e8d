package io.millrace.cli;

import org.springframework.boot.context.properties.bind.BindException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The one line a user reads when a command fails: what is wrong, in words, without the wrapping
 * exceptions Spring adds while it creates beans, and without a stack trace.
 */
final class FailureLine {

    private FailureLine() {
    }

    /**
     * The message that says what is wrong: for a setting Spring could not bind, the key, its value and
     * why; otherwise the message of the first exception of the chain that is not Spring's own wrapping
     * (the one Millrace or a library threw); null when no exception of the chain has a message (a bug,
     * whose stack trace is what a report needs).
     */
    static String of(Throwable failure) {
        List<Throwable> chain = chain(failure);
        for (Throwable e : chain) {
            if (e instanceof BindException bind) {
                return invalidSetting(bind);
            }
        }
        String deepest = null;
        for (Throwable e : chain) {
            if (e.getMessage() != null) {
                if (!e.getClass().getName().startsWith("org.springframework.")) {
                    return e.getMessage();
                }
                deepest = e.getMessage();
            }
        }
        return deepest;
    }

    private static String invalidSetting(BindException bind) {
        String why = null;
        for (Throwable e : chain(bind.getCause())) {
            if (e.getMessage() != null) {
                why = e.getMessage();
            }
        }
        String setting = bind.getProperty() == null ? "invalid settings under " + bind.getName()
            : "invalid setting " + bind.getProperty().getName() + "=" + bind.getProperty().getValue();
        return setting + (why == null ? "" : ": " + why);
    }

    /** {@code failure} and its causes, outermost first (a cause seen twice ends it). */
    private static List<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> chain = new ArrayList<>();
        for (Throwable e = failure; e != null && seen.add(e); e = e.getCause()) {
            chain.add(e);
        }
        return chain;
    }
}
