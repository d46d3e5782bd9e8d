package io.millrace.executor.kafka;

import io.millrace.model.command.CreateExecution;

/** A creation waiting for its flow revision to reach this executor, and since when (epoch millis). */
record PendingCreation(CreateExecution command, long since) {
}
