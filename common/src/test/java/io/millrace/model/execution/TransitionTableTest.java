package io.millrace.model.execution;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Transitions as data: checked changes, coverage, and the diagram drawn from the same table. */
class TransitionTableTest {

    private enum Light { RED, GREEN, AMBER }

    private static TransitionTable<Light> table() {
        return TransitionTable.builder("light", Light.class)
            .add(Light.RED, Light.GREEN, "go")
            .add(Light.GREEN, Light.AMBER, "slow down")
            .add(Light.AMBER, Light.RED, "stop")
            .build();
    }

    @Test
    void undeclaredChangesAreRefusedWithWhatIsAllowed() {
        TransitionTable<Light> t = table();

        assertThatThrownBy(() -> t.check(Light.RED, Light.AMBER))
            .isInstanceOf(IllegalTransitionException.class)
            .hasMessage("light: illegal transition RED -> AMBER (allowed from RED: [GREEN])");
    }

    @Test
    void coverageListsWhatWasNeverTaken() {
        TransitionTable<Light> t = table();
        t.check(Light.RED, Light.GREEN);

        assertThat(t.neverExercised()).extracting(TransitionTable.Transition::to)
            .containsExactly(Light.AMBER, Light.RED);
    }

    @Test
    void aTransitionCannotBeDeclaredTwice() {
        assertThatThrownBy(() -> TransitionTable.builder("x", Light.class)
            .add(Light.RED, Light.GREEN, "a").add(Light.RED, Light.GREEN, "b").build())
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDiagramShowsEveryTransitionWithItsReason() {
        assertThat(table().mermaid()).startsWith("stateDiagram-v2\n")
            .contains("RED --> GREEN : go", "GREEN --> AMBER : slow down", "AMBER --> RED : stop");
    }

    @Test
    void theRealTablesHaveNoDeadEndsOutsideTerminalStates() {
        for (ExecutionStatus s : ExecutionTransitions.TABLE.finalStates()) {
            assertThat(s.isTerminal()).as(s + " has no way out, so it must be terminal").isTrue();
        }
        for (TaskRunStatus s : TaskRunTransitions.TABLE.finalStates()) {
            assertThat(s.isTerminal()).as(s + " has no way out, so it must be terminal").isTrue();
        }
    }
}
