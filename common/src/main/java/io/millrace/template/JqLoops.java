package io.millrace.template;

import com.fasterxml.jackson.databind.JsonNode;
import net.thisptr.jackson.jq.Expression;
import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.PathOutput;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import net.thisptr.jackson.jq.path.Path;

import java.util.List;
import java.util.Map;

/**
 * jq's looping builtins {@code until}, {@code while} and {@code recurse} as Java loops that count a
 * step of the {@link RenderBudget} at each iteration. jackson-jq defines them in jq as functions
 * calling themselves, whose iterations nothing counts and whose depth only the stack bounds:
 * {@code until(false; .)} held its thread until the stack overflowed. The results are those of
 * jackson-jq's definitions (jq 1.6's), in the same order:
 * <pre>
 * def until(cond; next): def _until: if cond then . else (next | _until) end; _until;
 * def while(cond; update): def _while: if cond then ., (update | _while) else empty end; _while;
 * def recurse(f): def r: ., (f | select(. != null) | r); r;
 * def recurse(f; cond): def r: ., (f | select(cond) | r); r;
 * </pre>
 * The value a step goes on with last is taken by the loop itself, so a loop that goes on with one
 * value at a time ({@code until}, {@code while}, {@code recurse(.+1)}) uses no stack however long it runs;
 * the others go on with each of the earlier values first, recursively, as jq does.
 */
final class JqLoops {

    private JqLoops() {
    }

    /** The loops by jackson-jq's key ({@code name/arity}), to replace its own definitions. */
    static Map<String, Function> functions() {
        return Map.of(
            "until/2", (scope, args, in, path, out, version) -> new Until(scope, args, out).run(in, path),
            "while/2", (scope, args, in, path, out, version) -> new While(scope, args, out).run(in, path),
            "recurse/1", (scope, args, in, path, out, version) -> new Recurse(scope, args, out).run(in, path),
            "recurse/2", (scope, args, in, path, out, version) -> new Recurse(scope, args, out).run(in, path));
    }

    /** jq's truth: everything but {@code false} and {@code null}. */
    private static boolean truthy(JsonNode value) {
        return value != null && !value.isNull() && !value.isMissingNode()
            && (!value.isBoolean() || value.booleanValue());
    }

    /** A value with its path (null unless the caller asks for paths, as in {@code path(recurse)}). */
    private record Step(JsonNode value, Path path) {
    }

    /**
     * One loop: what it emits for a value and which values it goes on with. Emitting and going on
     * pass through a {@link Successors}, which keeps jq's order and hands the last value back.
     */
    private abstract static class Loop {

        final Scope scope;
        final List<Expression> args;
        final PathOutput out;

        Loop(Scope scope, List<Expression> args, PathOutput out) {
            this.scope = scope;
            this.args = args;
            this.out = out;
        }

        /** Emits what the loop emits for {@code at} and names each value it goes on with, in jq's order. */
        abstract void iterate(Step at, Successors next) throws JsonQueryException;

        final void run(JsonNode in, Path path) throws JsonQueryException {
            Step current = new Step(in, path);
            while (current != null) {
                RenderBudget.current().step(null, null);
                Successors next = new Successors(this);
                try {
                    iterate(current, next);
                } catch (JsonQueryException e) {
                    // jq would have gone on with the value held before this error (or break) surfaced
                    next.flush();
                    throw e;
                }
                current = next.last();
            }
        }
    }

    /**
     * What one iteration goes on with. jq finishes the loop on each such value before computing the
     * next one; here each is held until the next arrives (or something is emitted), then run
     * recursively, and the last is returned to the loop, so the order of results is jq's.
     */
    private static final class Successors {

        private final Loop loop;
        private Step held;

        Successors(Loop loop) {
            this.loop = loop;
        }

        void goOn(JsonNode value, Path path) throws JsonQueryException {
            flush();
            held = new Step(value, path);
        }

        void emit(JsonNode value, Path path) throws JsonQueryException {
            flush();
            loop.out.emit(value, path);
        }

        void flush() throws JsonQueryException {
            Step earlier = held;
            // cleared first: if that run fails, the failure is not followed by running it again
            held = null;
            if (earlier != null) {
                loop.run(earlier.value(), earlier.path());
            }
        }

        Step last() {
            return held;
        }
    }

    /** {@code until(cond; next)}. */
    private static final class Until extends Loop {

        Until(Scope scope, List<Expression> args, PathOutput out) {
            super(scope, args, out);
        }

        @Override
        void iterate(Step at, Successors next) throws JsonQueryException {
            args.get(0).apply(scope, at.value(), verdict -> {
                if (truthy(verdict)) {
                    next.emit(at.value(), at.path());
                } else {
                    args.get(1).apply(scope, at.value(), at.path(), next::goOn, false);
                }
            });
        }
    }

    /** {@code while(cond; update)}. */
    private static final class While extends Loop {

        While(Scope scope, List<Expression> args, PathOutput out) {
            super(scope, args, out);
        }

        @Override
        void iterate(Step at, Successors next) throws JsonQueryException {
            args.get(0).apply(scope, at.value(), verdict -> {
                if (truthy(verdict)) {
                    next.emit(at.value(), at.path());
                    args.get(1).apply(scope, at.value(), at.path(), next::goOn, false);
                }
            });
        }
    }

    /** {@code recurse(f)}, which skips nulls, and {@code recurse(f; cond)}. */
    private static final class Recurse extends Loop {

        Recurse(Scope scope, List<Expression> args, PathOutput out) {
            super(scope, args, out);
        }

        @Override
        void iterate(Step at, Successors next) throws JsonQueryException {
            next.emit(at.value(), at.path());
            args.get(0).apply(scope, at.value(), at.path(), (value, path) -> {
                if (args.size() == 1) {
                    if (!value.isNull() && !value.isMissingNode()) {
                        next.goOn(value, path);
                    }
                } else {
                    args.get(1).apply(scope, value, verdict -> {
                        if (truthy(verdict)) {
                            next.goOn(value, path);
                        }
                    });
                }
            }, false);
        }
    }
}
