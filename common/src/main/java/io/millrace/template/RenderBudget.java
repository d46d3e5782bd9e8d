package io.millrace.template;

import io.pebbletemplates.pebble.error.PebbleException;

import java.util.function.Supplier;

/**
 * What is left of one render's {@link TemplateLimits}: the deadline, the steps, and the thread's
 * interrupt. Checked at every loop iteration and macro call ({@link BudgetChecks}), every filter and
 * function call ({@link BudgetedCalls}) and while a regular expression runs ({@link DeadlineText}),
 * so that no template keeps a thread past its deadline. One render runs on one thread: the budget is
 * that thread's while the render lasts, nested {@code render()} calls included. Work the render hands
 * to another thread ({@link JqThreads}) gets its own copy ({@link #handOff}), so that no budget is ever
 * used by two threads at once; the copy's steps come back with its result ({@link #takeBack}).
 */
final class RenderBudget {

    private static final ThreadLocal<RenderBudget> CURRENT = new ThreadLocal<>();

    /** Outside a render (parsing, values printed by callers): only the size limit applies. */
    private static final RenderBudget NONE = new RenderBudget(TemplateLimits.DEFAULTS, Long.MAX_VALUE);

    private final TemplateLimits limits;
    private final long deadline;
    private final boolean timed;
    private long steps;
    // set from the render's thread when it gives up on work handed to another thread
    private volatile boolean abandoned;

    private RenderBudget(TemplateLimits limits, long deadline) {
        this.limits = limits;
        this.deadline = deadline;
        this.timed = deadline != Long.MAX_VALUE;
    }

    /** A copy of this budget, steps spent so far included, for work this render hands to another thread. */
    RenderBudget handOff() {
        RenderBudget copy = new RenderBudget(limits, deadline);
        copy.steps = steps;
        return copy;
    }

    /** Counts the steps of a {@link #handOff} copy whose work has ended as this render's. */
    void takeBack(RenderBudget copy) {
        steps = Math.max(steps, copy.steps);
    }

    /** Makes every later check of this (handed-off) budget fail: the render no longer waits for its work. */
    void abandon() {
        abandoned = true;
    }

    /** Runs {@code work} on this thread under {@code budget} (a {@link #handOff} copy). */
    static <T> T runUnder(RenderBudget budget, Supplier<T> work) {
        RenderBudget previous = CURRENT.get();
        CURRENT.set(budget);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Nanoseconds until the deadline (negative once it has passed); {@link Long#MAX_VALUE} outside a render. */
    long remainingNanos() {
        return timed ? deadline - System.nanoTime() : Long.MAX_VALUE;
    }

    /** The failure of a render past its deadline. */
    BudgetExceeded overdue(Integer line, String template) {
        return new BudgetExceeded("the template took longer than " + limits.timeoutText(), line, template);
    }

    /** The failure of a render whose thread was interrupted. */
    static BudgetExceeded interrupted(Integer line, String template) {
        return new BudgetExceeded("the template was stopped: its thread was interrupted", line, template);
    }

    /**
     * Starts a render on this thread with {@code limits}, or joins the render already running on it
     * (a render started from inside another shares its budget). Returns what {@link #leave} restores.
     */
    static RenderBudget enter(TemplateLimits limits) {
        RenderBudget previous = CURRENT.get();
        if (previous == null) {
            CURRENT.set(new RenderBudget(limits, System.nanoTime() + limits.timeout().toNanos()));
        }
        return previous;
    }

    /** Ends what {@link #enter} started. */
    static void leave(RenderBudget previous) {
        if (previous == null) {
            CURRENT.remove();
        }
    }

    /** The budget of the render running on this thread, or one without time or step limits. */
    static RenderBudget current() {
        RenderBudget budget = CURRENT.get();
        return budget == null ? NONE : budget;
    }

    TemplateLimits limits() {
        return limits;
    }

    int maxChars() {
        return limits.maxChars();
    }

    /** Counts one step of the template at {@code line} of {@code template}; fails past a limit. */
    void step(Integer line, String template) {
        if (!timed) {
            return;
        }
        if (++steps > limits.maxSteps()) {
            throw new BudgetExceeded("the template exceeded " + limits.maxSteps()
                + " steps (loop iterations, macro, filter and function calls)", line, template);
        }
        check(line, template);
    }

    /** Fails if the deadline has passed or the thread was interrupted; cheap enough to call very often. */
    void check(Integer line, String template) {
        if (!timed) {
            return;
        }
        if (Thread.currentThread().isInterrupted() || abandoned) {
            // the flag stays set: whoever interrupted the thread still sees it
            throw interrupted(line, template);
        }
        if (System.nanoTime() - deadline > 0) {
            throw overdue(line, template);
        }
    }

    /** Fails unless a text of {@code length} characters fits the size limit; {@code what} names what builds it. */
    void requireFits(long length, String what, Integer line, String template) {
        if (length > limits.maxChars()) {
            throw new BudgetExceeded(what + " would make a text longer than the limit of " + limits.maxChars()
                + " characters", line, template);
        }
    }

    /** A render over its budget. Passes unchanged through every layer, nested renders included. */
    static final class BudgetExceeded extends PebbleException {
        BudgetExceeded(String message, Integer line, String template) {
            super(null, message, line, template);
        }
    }
}
