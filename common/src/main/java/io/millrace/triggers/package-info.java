/**
 * Flow triggers as pure functions: which ended executions start which flows.
 *
 * <p>An execution that ends SUCCESS, WARNING, FAILED, KILLED or CANCELLED is matched against the
 * {@code io.millrace.core.trigger.Flow} triggers of every enabled flow ({@link TriggerIndex},
 * {@link TriggerMatcher}). RETRIED does not trigger: the retry that replaces the execution ends
 * later and triggers then, so a listener runs once per outcome, not once per attempt. A flow never
 * triggers itself. Starts get ids derived from the ending execution, its end number and the
 * trigger ({@link TriggeredStart}), so evaluating the same end twice yields the same commands.
 *
 * <p>A trigger with a {@code MultipleCondition} does not start at once: the ending execution's
 * matches travel as a {@link WindowMatch} to a per-trigger window ({@link MultipleConditionWindows}),
 * which fires when every named condition has matched some execution within the same window.
 */
package io.millrace.triggers;
