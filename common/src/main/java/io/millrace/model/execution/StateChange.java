package io.millrace.model.execution;

import java.time.Instant;

/** One entry of a state history: the state entered and when. */
public record StateChange<S extends Enum<S>>(S state, Instant date) {
}
