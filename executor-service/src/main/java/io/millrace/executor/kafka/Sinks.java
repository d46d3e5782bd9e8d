package io.millrace.executor.kafka;

import io.millrace.topics.Topic;

/** The executor topology's sink nodes, one per output topic. */
enum Sinks {
    EXECUTIONS(Topic.EXECUTIONS),
    TASKRUNS(Topic.TASKRUNS),
    WORKER_TASKS(Topic.WORKER_TASKS),
    WORKER_TASK_RUNNING(Topic.WORKER_TASK_RUNNING),
    EXECUTION_COMMANDS(Topic.EXECUTION_COMMANDS),
    EXECUTION_KILLED(Topic.EXECUTION_KILLED),
    LOGS(Topic.LOGS),
    CONCURRENCY_SLOTS(Topic.CONCURRENCY_SLOTS),
    DEAD_LETTERS(Topic.DEAD_LETTERS);

    private final Topic topic;

    Sinks(Topic topic) {
        this.topic = topic;
    }

    Topic topic() {
        return topic;
    }

    /** The node name in the topology. */
    String node() {
        return "sink-" + topic.baseName();
    }
}
