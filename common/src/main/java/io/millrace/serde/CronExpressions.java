package io.millrace.serde;

import io.millrace.schedule.CronGrammar;

/** Checks Schedule cron expressions with the scheduler's own grammar ({@link CronGrammar}). */
final class CronExpressions {

    private CronExpressions() {
    }

    /** Why {@code cron} is not a valid expression, or null when it is. */
    static String problem(String cron, boolean withSeconds) {
        return CronGrammar.problem(cron, withSeconds);
    }
}
