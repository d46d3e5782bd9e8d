package io.millrace.topics;

import io.millrace.model.FlowRecord;
import io.millrace.model.command.ConcurrencySlot;
import io.millrace.model.command.ExecutionCommand;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.MetricEntry;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.trigger.TriggerEvaluated;
import io.millrace.model.trigger.TriggerEvaluation;
import io.millrace.model.trigger.TriggerState;
import io.millrace.model.trigger.command.TriggerCommand;
import io.millrace.model.worker.DeadWorker;
import io.millrace.model.worker.KillTaskRun;
import io.millrace.model.worker.WorkerInstance;
import io.millrace.model.worker.WorkerTask;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.model.worker.WorkerTaskRunning;
import io.millrace.triggers.WindowMatch;

import java.time.Duration;

/**
 * Every topic Millrace uses, with what its keys are, the record its values hold, and how Kafka
 * cleans it. Names get the configured prefix ({@link TopicNames}). Keys that start with an
 * execution id ({@code executionId} or {@code executionId/…}) are partitioned by the execution id
 * alone ({@link ExecutionIdPartitioner}), so everything of one execution is on one partition.
 */
public enum Topic {
    /** The newest revision of each flow (a tombstone when deleted). Written by the api. */
    FLOWS("flows", "namespace/id", FlowRecord.class, Cleanup.COMPACT, null, false),
    /** Every revision of every flow. Written by the api, read by the indexer. */
    FLOW_REVISIONS("flow_revisions", "namespace/id/revision", FlowRecord.class, Cleanup.COMPACT, null, false),
    /** Requests to change an execution (create, kill, restart…). Read by the executor only. */
    EXECUTION_COMMANDS("execution_commands", "executionId", ExecutionCommand.class, Cleanup.DELETE,
        Duration.ofDays(7), true),
    /** Execution headers. Written by the executor only. */
    EXECUTIONS("executions", "executionId", ExecutionHeader.class, Cleanup.COMPACT_DELETE, Duration.ofDays(7), true),
    /** Task runs. Written by the executor only. */
    TASKRUNS("taskruns", "executionId/taskRunId", TaskRun.class, Cleanup.COMPACT_DELETE, Duration.ofDays(7), true),
    /** Runnable tasks for the workers. */
    WORKER_TASKS("worker_tasks", "executionId/taskRunId", WorkerTask.class, Cleanup.DELETE, Duration.ofDays(7), true),
    /** How attempts ended. Written by workers, read by the executor. */
    WORKER_TASK_RESULTS("worker_task_results", "executionId", WorkerTaskResult.class, Cleanup.DELETE,
        Duration.ofDays(7), true),
    /** Attempts a worker took (tombstoned when their result is applied). */
    WORKER_TASK_RUNNING("worker_task_running", "executionId/taskRunId", WorkerTaskRunning.class, Cleanup.COMPACT,
        null, true),
    /** Workers and the partitions they own, announced at each assignment and heartbeat. */
    WORKER_INSTANCES("worker_instances", "workerId", WorkerInstance.class, Cleanup.COMPACT, null, false),
    /**
     * Worker incarnations declared dead, written by the dead-worker detector to every partition (each
     * executor task sends again the attempts it knows that incarnation held), read by workers too.
     */
    DEAD_WORKERS("dead_workers", "workerId", DeadWorker.class, Cleanup.DELETE, Duration.ofDays(7), false),
    /** Attempts to interrupt, read by every worker (no group, from the end). */
    EXECUTION_KILLED("execution_killed", "executionId", KillTaskRun.class, Cleanup.DELETE, Duration.ofDays(1), true),
    /** Trigger states. Written by the scheduler. */
    TRIGGERS("triggers", "namespace/flowId/triggerId", TriggerState.class, Cleanup.COMPACT, null, false),
    /**
     * Requests to change a trigger's state (backfill, disable, unlock, reset), keyed by flow like {@code flows}
     * so that they reach the scheduler instance owning the flow. Written by the api, read by the scheduler.
     */
    TRIGGER_COMMANDS("trigger_commands", "namespace/flowId", TriggerCommand.class, Cleanup.DELETE,
        Duration.ofDays(7), false),
    /** Polling triggers to evaluate once, sent by the scheduler, taken by one worker of the group. */
    TRIGGER_EVALUATIONS("trigger_evaluations", "namespace/flowId/triggerId", TriggerEvaluation.class, Cleanup.DELETE,
        Duration.ofDays(1), false),
    /** Workers' answers to trigger evaluations, keyed by flow so that they reach the scheduler owning it. */
    TRIGGER_EVALUATION_RESULTS("trigger_evaluation_results", "namespace/flowId", TriggerEvaluated.class,
        Cleanup.DELETE, Duration.ofDays(7), false),
    /** Log lines of executions. */
    LOGS("logs", "executionId", LogEntry.class, Cleanup.DELETE, Duration.ofDays(7), true),
    /** Task metrics. */
    METRICS("metrics", "executionId", MetricEntry.class, Cleanup.DELETE, Duration.ofDays(7), true),
    /** Flow concurrency slot requests, keyed by flow so that one partition counts a flow's executions. */
    CONCURRENCY_SLOTS("concurrency_slots", "namespace/flowId", ConcurrencySlot.class, Cleanup.DELETE,
        Duration.ofDays(7), false),
    /**
     * Ended executions that matched named conditions of a Flow trigger's MultipleConditions, keyed by
     * trigger so that one partition holds each trigger's windows. Written and read by the flow-trigger stream.
     */
    FLOW_TRIGGER_WINDOWS("flow_trigger_windows", "namespace/flowId/triggerId", WindowMatch.class, Cleanup.DELETE,
        Duration.ofDays(7), false),
    /** Records a stream could not process, with the reason. */
    DEAD_LETTERS("dead_letters", "the original key", DeadLetter.class, Cleanup.DELETE, Duration.ofDays(30), false);

    private final String baseName;
    private final String keyFormat;
    private final Class<?> valueType;
    private final Cleanup cleanup;
    private final Duration retention;
    private final boolean keyedByExecution;

    Topic(String baseName, String keyFormat, Class<?> valueType, Cleanup cleanup, Duration retention,
          boolean keyedByExecution) {
        this.baseName = baseName;
        this.keyFormat = keyFormat;
        this.valueType = valueType;
        this.cleanup = cleanup;
        this.retention = retention;
        this.keyedByExecution = keyedByExecution;
    }

    /** The name without prefix, also the key of its settings ({@code millrace.kafka.defaults.topics.<name>}). */
    public String baseName() {
        return baseName;
    }

    /** What the key holds, for documentation. */
    public String keyFormat() {
        return keyFormat;
    }

    public Class<?> valueType() {
        return valueType;
    }

    public Cleanup cleanup() {
        return cleanup;
    }

    /** How long records are kept (null: forever, for referential topics). */
    public Duration retention() {
        return retention;
    }

    /** Whether keys start with an execution id, and so must be partitioned by it. */
    public boolean keyedByExecution() {
        return keyedByExecution;
    }
}
