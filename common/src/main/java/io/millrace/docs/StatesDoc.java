package io.millrace.docs;

import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.ExecutionTransitions;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.execution.TaskRunTransitions;
import io.millrace.model.execution.TransitionTable;

/**
 * {@code docs/states.md}: the execution and task-run states with Mermaid diagrams and tables drawn
 * from the transition tables themselves, so the documentation cannot disagree with the code.
 */
public final class StatesDoc {

    /** Where the page lives in the repository. */
    public static final String PATH = "docs/states.md";

    private StatesDoc() {
    }

    public static String generate() {
        StringBuilder sb = new StringBuilder();
        sb.append("# States\n\n")
            .append("<!-- Generated from ExecutionTransitions and TaskRunTransitions by StatesDoc; do not edit. -->\n\n")
            .append("Every change of state goes through one of these two tables; a change they do not list is a bug, ")
            .append("and a test fails when a listed change is never exercised.\n\n");
        section(sb, "Execution", ExecutionTransitions.TABLE, ExecutionStatus.values());
        section(sb, "Task run", TaskRunTransitions.TABLE, TaskRunStatus.values());
        sb.append("An attempt of a task run has its own history: RUNNING, then SUCCESS, WARNING, FAILED or KILLED ")
            .append("(RESUBMITTED marks an attempt abandoned because its worker died).\n");
        return sb.toString();
    }

    private static <S extends Enum<S>> void section(StringBuilder sb, String title, TransitionTable<S> table, S[] states) {
        sb.append("## ").append(title).append("\n\n")
            .append("```mermaid\n").append(table.mermaid()).append("```\n\n")
            .append("| from | to | when |\n|---|---|---|\n");
        for (TransitionTable.Transition<S> t : table.declared()) {
            sb.append("| ").append(t.from().name()).append(" | ").append(t.to().name()).append(" | ")
                .append(t.why()).append(" |\n");
        }
        sb.append("\nFinal states (no transition leaves them): ");
        StringBuilder finals = new StringBuilder();
        for (S s : states) {
            if (table.finalStates().contains(s)) {
                finals.append(finals.isEmpty() ? "" : ", ").append(s.name());
            }
        }
        sb.append(finals).append(".\n\n");
    }
}
