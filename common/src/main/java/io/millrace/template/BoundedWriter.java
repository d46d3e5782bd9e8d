package io.millrace.template;

import java.io.Writer;

/**
 * A text being written (JSON or YAML of a value) that fails as soon as it passes the size limit, and
 * checks the render's deadline on the way, instead of building a text of any length first.
 */
final class BoundedWriter extends Writer {

    private static final int CHECK_EVERY = 64 * 1024;

    private final StringBuilder text = new StringBuilder();
    private final String what;
    private final RenderBudget budget = RenderBudget.current();
    private int sinceCheck;

    BoundedWriter(String what) {
        this.what = what;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        budget.requireFits((long) text.length() + length, what, null, null);
        sinceCheck += length;
        if (sinceCheck > CHECK_EVERY) {
            sinceCheck = 0;
            budget.check(null, null);
        }
        text.append(chars, offset, length);
    }

    @Override
    public void write(String s, int offset, int length) {
        budget.requireFits((long) text.length() + length, what, null, null);
        text.append(s, offset, offset + length);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
