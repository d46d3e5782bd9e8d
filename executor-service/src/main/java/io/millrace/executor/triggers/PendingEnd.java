package io.millrace.executor.triggers;

import io.millrace.model.execution.ExecutionHeader;

/**
 * An execution whose terminal header arrived before its last task runs (the executor writes them in
 * one transaction, header first): its triggers wait for them, at most the settle grace.
 *
 * @param since wall-clock millis when it started waiting
 */
record PendingEnd(ExecutionHeader header, long since) {
}
