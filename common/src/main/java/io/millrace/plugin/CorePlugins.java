package io.millrace.plugin;

import io.millrace.model.condition.DateTimeBetweenCondition;
import io.millrace.model.condition.DayWeekCondition;
import io.millrace.model.condition.DayWeekInMonthCondition;
import io.millrace.model.condition.ExecutionFlowCondition;
import io.millrace.model.condition.ExecutionLabelsCondition;
import io.millrace.model.condition.ExecutionNamespaceCondition;
import io.millrace.model.condition.ExecutionStatusCondition;
import io.millrace.model.condition.ExpressionCondition;
import io.millrace.model.condition.MultipleCondition;
import io.millrace.model.condition.NotCondition;
import io.millrace.model.condition.OrCondition;
import io.millrace.model.condition.TimeBetweenCondition;
import io.millrace.model.condition.WeekendCondition;
import io.millrace.model.trigger.FlowTrigger;
import io.millrace.model.trigger.Schedule;
import io.millrace.model.trigger.ScheduleOnDates;
import io.millrace.model.trigger.Webhook;
import io.millrace.tasks.debug.Echo;
import io.millrace.tasks.debug.Return;
import io.millrace.tasks.execution.Fail;
import io.millrace.tasks.flow.AllowFailure;
import io.millrace.tasks.flow.Dag;
import io.millrace.tasks.flow.EachParallel;
import io.millrace.tasks.flow.EachSequential;
import io.millrace.tasks.flow.ForEach;
import io.millrace.tasks.flow.If;
import io.millrace.tasks.flow.Parallel;
import io.millrace.tasks.flow.Pause;
import io.millrace.tasks.flow.Sequential;
import io.millrace.tasks.flow.Sleep;
import io.millrace.tasks.flow.Subflow;
import io.millrace.tasks.flow.Switch;
import io.millrace.tasks.flow.WaitFor;
import io.millrace.tasks.http.HttpTrigger;
import io.millrace.tasks.http.Request;
import io.millrace.tasks.kafka.KafkaRealtimeTrigger;
import io.millrace.tasks.kafka.KafkaTrigger;
import io.millrace.tasks.log.Log;
import io.millrace.tasks.output.OutputValues;
import io.millrace.tasks.scripts.Commands;
import io.millrace.tasks.transform.TransformValue;

import java.util.List;

/** The types Millrace ships. */
public final class CorePlugins implements PluginProvider {

    @Override
    public List<Class<?>> plugins() {
        return List.of(
            // flowable tasks
            Sequential.class, Parallel.class, ForEach.class, EachSequential.class, EachParallel.class,
            If.class, Switch.class, Dag.class, AllowFailure.class, Pause.class, WaitFor.class, Subflow.class,
            // runnable tasks
            Log.class, Return.class, Echo.class, OutputValues.class, Fail.class, Sleep.class,
            Request.class, Commands.class, TransformValue.class,
            // triggers
            Schedule.class, ScheduleOnDates.class, FlowTrigger.class, Webhook.class,
            HttpTrigger.class, KafkaTrigger.class, KafkaRealtimeTrigger.class,
            // conditions
            ExecutionStatusCondition.class, ExecutionFlowCondition.class, ExecutionNamespaceCondition.class,
            ExecutionLabelsCondition.class, MultipleCondition.class,
            DayWeekCondition.class, DayWeekInMonthCondition.class, WeekendCondition.class, TimeBetweenCondition.class,
            DateTimeBetweenCondition.class, NotCondition.class, OrCondition.class, ExpressionCondition.class
        );
    }
}
