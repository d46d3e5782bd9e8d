package io.millrace.scheduler.schedule;

import io.millrace.model.trigger.ScheduledTrigger;
import io.millrace.model.trigger.Trigger;

import java.time.Duration;
import java.util.Map;

/** What the date-driven triggers (Schedule, ScheduleOnDates) say about inputs, recovery and lateness. */
final class ScheduleTerms {

    private ScheduleTerms() {
    }

    static Map<String, Object> inputs(Trigger trigger) {
        Map<String, Object> inputs = trigger instanceof ScheduledTrigger s ? s.inputs() : null;
        return inputs == null ? Map.of() : inputs;
    }

    static ScheduledTrigger.RecoverMissedSchedules recover(Trigger trigger) {
        return trigger instanceof ScheduledTrigger s ? s.recoverMissedSchedules()
            : ScheduledTrigger.RecoverMissedSchedules.ALL;
    }

    static Duration lateMaximumDelay(Trigger trigger) {
        return trigger instanceof ScheduledTrigger s ? s.lateMaximumDelay() : null;
    }
}
