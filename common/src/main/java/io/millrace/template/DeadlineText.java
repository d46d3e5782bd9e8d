package io.millrace.template;

/**
 * Text for a user's regular expression to run over, checking the render's deadline as the matcher
 * reads it: a pattern that backtracks catastrophically ({@code ((a+)+)+$} on a long text) reads
 * characters for ever, so it ends with "took longer than…" instead of holding the thread.
 */
final class DeadlineText implements CharSequence {

    private static final int CHECK_EVERY = 4096;

    private final CharSequence text;
    private final RenderBudget budget;
    private final int[] reads;

    DeadlineText(CharSequence text) {
        this(text, RenderBudget.current(), new int[1]);
    }

    private DeadlineText(CharSequence text, RenderBudget budget, int[] reads) {
        this.text = text;
        this.budget = budget;
        this.reads = reads;
    }

    @Override
    public char charAt(int index) {
        if (++reads[0] == CHECK_EVERY) {
            reads[0] = 0;
            budget.check(null, null);
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new DeadlineText(text.subSequence(start, end), budget, reads);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
