/**
 * The flow-trigger stream: a Kafka Streams application of the executor service (application id
 * {@code flow-triggers}) that starts the executions Flow triggers ask for. The matching itself is
 * pure and lives in {@code io.millrace.triggers}; this package only feeds it and writes what it decides.
 */
package io.millrace.executor.triggers;
