package io.millrace.scheduler.schedule;

import io.millrace.model.Flow;
import io.millrace.model.Label;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.trigger.TriggerState;
import io.millrace.model.trigger.command.DeleteBackfill;
import io.millrace.model.trigger.command.NoteExecutionEnd;
import io.millrace.model.trigger.command.PauseBackfill;
import io.millrace.model.trigger.command.SetBackfill;
import io.millrace.model.trigger.command.SetTriggerDisabled;
import io.millrace.schedule.FireCalendars;
import io.millrace.scheduler.SchedulerSettings;
import io.millrace.serde.FlowParser;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TriggerRulesTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00.300Z");
    private final TriggerRules rules = new TriggerRules(new FireCalendars(ZoneId.of("UTC")), SchedulerSettings.DEFAULTS);
    private final FlowParser parser = new FlowParser();

    private Flow flow(String triggers) {
        return parser.parse("""
            id: report
            namespace: company.team
            tasks:
              - id: hello
                type: io.millrace.core.log.Log
                message: hi
            triggers:
            """ + triggers.indent(2));
    }

    private HeldTrigger deploy(String triggers, Instant now) {
        Map<String, HeldTrigger> kept = rules.onFlow("company.team", "report", flow(triggers), Map.of(), now);
        assertThat(kept).hasSize(1);
        return kept.values().iterator().next();
    }

    private static final String EVERY_MINUTE = """
        - id: every-minute
          type: io.millrace.core.trigger.Schedule
          cron: "* * * * *"
        """;

    @Test
    void aNewScheduleFiresFirstAtItsNextDateAfterDeployment() {
        HeldTrigger st = deploy(EVERY_MINUTE, T0);

        assertThat(st.state().nextDate()).isEqualTo(Instant.parse("2026-03-02T10:01:00Z"));
        assertThat(rules.dueAt(st)).isEqualTo(Instant.parse("2026-03-02T10:01:00Z"));
        assertThat(rules.tick(st, T0.plusSeconds(30), null).starts()).isEmpty();
    }

    @Test
    void aDueDateFiresOnceWithAnIdDerivedFromTheDateSoARepeatedTickSendsTheSameId() {
        HeldTrigger st = deploy(EVERY_MINUTE, T0);
        Instant at = Instant.parse("2026-03-02T10:01:00.120Z");

        TriggerOutcome first = rules.tick(st, at, null);
        TriggerOutcome again = rules.tick(st, at.plusMillis(500), null);

        assertThat(first.starts()).hasSize(1);
        CreateExecution start = first.starts().getFirst();
        assertThat(start.executionId()).isEqualTo(again.starts().getFirst().executionId());
        assertThat(start.trigger().id()).isEqualTo("every-minute");
        assertThat(start.trigger().variables()).containsKeys("date", "next", "previous");
        assertThat(first.next().state().nextDate()).isEqualTo(Instant.parse("2026-03-02T10:02:00Z"));
        assertThat(first.next().state().lastFireDate()).isEqualTo(Instant.parse("2026-03-02T10:01:00Z"));
        assertThat(first.next().state().lastExecutionId()).isEqualTo(start.executionId());
        assertThat(rules.tick(first.next(), at.plusMillis(500), null).starts()).isEmpty();
    }

    private List<Instant> datesFiredAfterDowntime(String recover) {
        HeldTrigger st = deploy(EVERY_MINUTE.replace("cron: \"* * * * *\"",
            "cron: \"* * * * *\"\n  recoverMissedSchedules: " + recover), T0);
        Instant now = Instant.parse("2026-03-02T10:05:30Z"); // 10:01 … 10:05 passed while down
        TriggerOutcome outcome = rules.tick(st, now, T0);
        assertThat(outcome.next().state().nextDate()).isEqualTo(Instant.parse("2026-03-02T10:06:00Z"));
        List<Instant> dates = new ArrayList<>();
        outcome.starts().forEach(s -> dates.add(
            OffsetDateTime.parse(s.trigger().variables().get("date").toString()).toInstant()));
        return dates;
    }

    @Test
    void afterADowntimeRecoverMissedSchedulesSaysWhichDatesFire() {
        assertThat(datesFiredAfterDowntime("ALL")).hasSize(5);
        assertThat(datesFiredAfterDowntime("LAST")).containsExactly(Instant.parse("2026-03-02T10:05:00Z"));
        assertThat(datesFiredAfterDowntime("NONE")).isEmpty();
    }

    @Test
    void withoutADowntimeEveryDueDateFiresWhateverThePolicy() {
        HeldTrigger st = deploy(EVERY_MINUTE.replace("cron: \"* * * * *\"",
            "cron: \"* * * * *\"\n  recoverMissedSchedules: NONE"), T0);

        assertThat(rules.tick(st, Instant.parse("2026-03-02T10:01:00.200Z"), null).starts()).hasSize(1);
    }

    @Test
    void aDateLaterThanLateMaximumDelayIsSkipped() {
        HeldTrigger st = deploy(EVERY_MINUTE.replace("cron: \"* * * * *\"",
            "cron: \"* * * * *\"\n  lateMaximumDelay: PT10S"), T0);

        TriggerOutcome outcome = rules.tick(st, Instant.parse("2026-03-02T10:02:05Z"), null);

        assertThat(outcome.starts()).hasSize(1); // 10:01 is 65 s late: skipped; 10:02 is 5 s late: fired
        assertThat(outcome.next().state().nextDate()).isEqualTo(Instant.parse("2026-03-02T10:03:00Z"));
    }

    @Test
    void aFlowUpdateKeepsTheStateUnlessTheTimingChangesAndForgetsRemovedTriggers() {
        HeldTrigger st = deploy(EVERY_MINUTE, T0);
        HeldTrigger fired = rules.tick(st, Instant.parse("2026-03-02T10:01:00.100Z"), null).next();
        Instant later = Instant.parse("2026-03-02T10:01:10Z");

        HeldTrigger sameTiming = rules.onFlow("company.team", "report", flow(EVERY_MINUTE.replace("every-minute\n",
            "every-minute\n  inputs:\n    n: 2\n")), Map.of("every-minute", fired), later).get("every-minute");
        assertThat(sameTiming.state().nextDate()).isEqualTo(fired.state().nextDate());
        assertThat(sameTiming.state().lastFireDate()).isEqualTo(fired.state().lastFireDate());

        HeldTrigger hourly = rules.onFlow("company.team", "report", flow(EVERY_MINUTE.replace("* * * * *", "0 * * * *")),
            Map.of("every-minute", fired), later).get("every-minute");
        assertThat(hourly.state().nextDate()).isEqualTo(Instant.parse("2026-03-02T11:00:00Z"));
        assertThat(hourly.state().lastFireDate()).isEqualTo(fired.state().lastFireDate());

        assertThat(rules.onFlow("company.team", "report", flow("""
            - id: other
              type: io.millrace.core.trigger.Schedule
              cron: "0 9 * * *"
            """), Map.of("every-minute", fired), later)).containsOnlyKeys("other");
        assertThat(rules.onFlow("company.team", "report", null, Map.of("every-minute", fired), later)).isEmpty();
    }

    @Test
    void enablingATriggerAgainAppliesItsRecoveryPolicyToTheDatesItMissed() {
        HeldTrigger st = deploy(EVERY_MINUTE.replace("cron: \"* * * * *\"",
            "cron: \"* * * * *\"\n  recoverMissedSchedules: LAST"), T0);
        HeldTrigger disabled = rules.onCommand(st,
            new SetTriggerDisabled("company.team", "report", "every-minute", true), T0.plusSeconds(1));
        assertThat(rules.dueAt(disabled)).isNull();

        Instant back = Instant.parse("2026-03-02T10:10:30Z");
        HeldTrigger enabled = rules.onCommand(disabled,
            new SetTriggerDisabled("company.team", "report", "every-minute", false), back);
        TriggerOutcome outcome = rules.tick(enabled, back.plusMillis(200), null);

        assertThat(outcome.starts()).hasSize(1);
        assertThat(outcome.starts().getFirst().trigger().variables().get("date").toString()).contains("10:10");
        assertThat(outcome.next().state().nextDate()).isEqualTo(Instant.parse("2026-03-02T10:11:00Z"));
    }

    @Test
    void aBackfillRunsPastDatesLabelledAndCanBePausedAndDeleted() {
        HeldTrigger st = deploy("""
            - id: hourly
              type: io.millrace.core.trigger.Schedule
              cron: "0 * * * *"
            """, T0);
        HeldTrigger withBackfill = rules.onCommand(st, new SetBackfill("company.team", "report", "hourly",
            Instant.parse("2026-03-02T06:00:00Z"), Instant.parse("2026-03-02T08:00:00Z"), Map.of("n", 7),
            List.of(new Label("why", "gap"))), T0);
        assertThat(rules.dueAt(withBackfill)).isEqualTo(Instant.parse("2026-03-02T06:00:00Z"));

        HeldTrigger paused = rules.onCommand(withBackfill, new PauseBackfill("company.team", "report", "hourly", true), T0);
        assertThat(rules.tick(paused, T0.plusSeconds(1), null).starts()).isEmpty();

        TriggerOutcome outcome = rules.tick(rules.onCommand(paused,
            new PauseBackfill("company.team", "report", "hourly", false), T0), T0.plusSeconds(1), null);
        assertThat(outcome.starts()).hasSize(3).allSatisfy(s -> {
            assertThat(s.labels()).contains(new Label(TriggerRules.BACKFILL_LABEL, "true"), new Label("why", "gap"));
            assertThat(s.inputs()).isEqualTo(Map.of("n", 7));
        });
        assertThat(outcome.next().state().backfill()).isNull();
        assertThat(outcome.next().state().nextDate()).isEqualTo(st.state().nextDate());

        assertThat(rules.onCommand(withBackfill, new DeleteBackfill("company.team", "report", "hourly"), T0)
            .state().backfill()).isNull();
    }

    @Test
    void stopAfterDisablesTheTriggerWhenAnExecutionItStartedEndsSo() {
        HeldTrigger st = deploy(EVERY_MINUTE.replace("cron: \"* * * * *\"",
            "cron: \"* * * * *\"\n  stopAfter: [FAILED]"), T0);

        HeldTrigger succeeded = rules.onCommand(st, new NoteExecutionEnd("company.team", "report", "every-minute",
            "e1", ExecutionStatus.SUCCESS), T0);
        HeldTrigger failed = rules.onCommand(st, new NoteExecutionEnd("company.team", "report", "every-minute",
            "e2", ExecutionStatus.FAILED), T0);

        assertThat(succeeded.state().disabled()).isFalse();
        assertThat(failed.state().disabled()).isTrue();
        assertThat(rules.dueAt(failed)).isNull();
    }

    @Test
    void aTriggerDisabledInTheFlowKeepsItsStateButIsNotDue() {
        HeldTrigger st = deploy(EVERY_MINUTE.replace("every-minute\n", "every-minute\n  disabled: true\n"), T0);

        assertThat(st.state()).extracting(TriggerState::disabled).isEqualTo(false);
        assertThat(rules.dueAt(st)).isNull();
        assertThat(rules.tick(st, T0.plus(Duration.ofMinutes(3)), null).starts()).isEmpty();
    }

    @Test
    void enablingATriggerAgainInTheFlowSourceAppliesItsRecoveryPolicyToo() {
        String last = EVERY_MINUTE.replace("cron: \"* * * * *\"", "cron: \"* * * * *\"\n  recoverMissedSchedules: LAST");
        HeldTrigger st = deploy(last, T0);
        Instant off = T0.plusSeconds(5);
        HeldTrigger disabled = rules.onFlow("company.team", "report",
            flow(last.replace("every-minute\n", "every-minute\n  disabled: true\n")), Map.of("every-minute", st), off)
            .get("every-minute");
        assertThat(rules.dueAt(disabled)).isNull();

        Instant back = Instant.parse("2026-03-02T10:10:30Z");
        HeldTrigger enabled = rules.onFlow("company.team", "report", flow(last), Map.of("every-minute", disabled), back)
            .get("every-minute");
        TriggerOutcome outcome = rules.tick(enabled, back.plusMillis(200), null);

        assertThat(outcome.starts()).singleElement().satisfies(s ->
            assertThat(s.trigger().variables().get("date").toString()).contains("10:10"));
        assertThat(outcome.next().state().nextDate()).isEqualTo(Instant.parse("2026-03-02T10:11:00Z"));
    }
}
