package io.millrace.model.condition;

import io.millrace.plugin.Prop;

/** A schedule condition that tests a date: by default the date the schedule fires for. */
public abstract class DateCondition extends Condition {

    @Prop("The date to test: {{ trigger.date }} (the scheduled date, the default) or an ISO-8601 date-time.")
    protected String date;

    /** The date as written, or null for the scheduled date. */
    public String date() {
        return date;
    }
}
