package io.millrace.executor.triggers;

/**
 * An end whose triggers were evaluated: the execution's end number and the key of its expiry entry.
 */
record EndMark(int endNumber, String expiryKey) {
}
