package io.millrace.schedule;

import com.cronutils.model.field.expression.Always;
import com.cronutils.model.field.expression.And;
import com.cronutils.model.field.expression.Between;
import com.cronutils.model.field.expression.Every;
import com.cronutils.model.field.expression.FieldExpression;
import com.cronutils.model.field.expression.On;
import com.cronutils.model.field.value.FieldValue;

/**
 * The values one field of a parsed cron expression names, as a bit mask (bit {@code v} for value {@code v}),
 * read as cron-utils' value generators read them: {@code *}, a value, a range, a step ({@code a/n} runs to
 * the field's end, {@code a-b/n} to {@code b}) and lists of these.
 */
final class FieldSet {

    private FieldSet() {
    }

    /**
     * The values {@code e} names in a field whose values run from {@code start} to {@code end}, keeping those
     * up to {@code limit} (a month's length for days of month, else {@code end}).
     */
    static long values(FieldExpression e, int start, int end, int limit) {
        return switch (e) {
            case Always always -> range(start, Math.min(end, limit));
            case On on -> single(on.getTime().getValue(), start, limit);
            case Between between -> range(value(between.getFrom(), start), Math.min(value(between.getTo(), limit), limit));
            case Every every -> steps(every, start, end, limit);
            case And and -> {
                long values = 0;
                for (FieldExpression item : and.getExpressions()) {
                    values |= values(item, start, end, limit);
                }
                yield values;
            }
            default -> 0;
        };
    }

    /** The values from {@code from} to {@code to}, both included (none when {@code to < from}). */
    static long range(int from, int to) {
        if (to < from) {
            return 0;
        }
        return (-1L >>> (63 - to)) & (-1L << from);
    }

    private static long steps(Every every, int start, int end, int limit) {
        int from = start;
        int to = end;
        switch (every.getExpression()) {
            case Between between -> {
                from = Math.max(start, value(between.getFrom(), start));
                to = Math.min(end, value(between.getTo(), end));
            }
            case On on -> from = on.getTime().getValue();
            default -> {
            }
        }
        int period = every.getPeriod().getValue();
        long values = 0;
        for (int v = from; v <= Math.min(to, limit); v += Math.max(period, 1)) {
            values |= single(v, start, limit);
        }
        return values;
    }

    private static long single(int value, int start, int limit) {
        return value >= start && value <= limit ? 1L << value : 0;
    }

    /** An integer bound, or {@code special} for a non-integer one ({@code L} closing a range: the field's end). */
    private static int value(FieldValue<?> value, int special) {
        return value.getValue() instanceof Integer i ? i : special;
    }
}
