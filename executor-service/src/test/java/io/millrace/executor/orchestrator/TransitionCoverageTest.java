package io.millrace.executor.orchestrator;

import io.millrace.model.execution.ExecutionTransitions;
import io.millrace.model.execution.TaskRunTransitions;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.ClassNameFilter.excludeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Every transition the state tables declare must be taken by some scenario: a declared transition
 * nobody exercises is either dead or untested. The scenarios of this package are run here (again,
 * if the build ran them already) so the check holds however tests are selected.
 */
class TransitionCoverageTest {

    @Test
    void everyDeclaredTransitionIsExercisedByTheScenarios() {
        LauncherDiscoveryRequest scenarios = request()
            .selectors(selectPackage(getClass().getPackageName()))
            .filters(excludeClassNamePatterns(".*" + getClass().getSimpleName()))
            .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(scenarios, summary);

        assertThat(summary.getSummary().getTestsSucceededCount()).as("scenario tests run").isGreaterThan(20);
        assertThat(summary.getSummary().getFailures())
            .as("scenario failures")
            .extracting(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException())
            .isEmpty();
        assertThat(ExecutionTransitions.TABLE.neverExercised()).as("execution transitions never exercised").isEmpty();
        assertThat(TaskRunTransitions.TABLE.neverExercised()).as("task-run transitions never exercised").isEmpty();
    }
}
