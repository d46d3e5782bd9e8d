package io.millrace.executor.triggers;

import io.millrace.model.FlowRecord;
import io.millrace.triggers.TriggerFlows;
import io.millrace.triggers.TriggerIndex;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FlowCatalogTest {

    private final FlowCatalog catalog = new FlowCatalog();

    @Test
    void theIndexIsRebuiltOnlyAfterAChange() {
        catalog.put("company.reports/report", record(TriggerFlows.REPORT, 1, false));
        TriggerIndex first = catalog.index();

        assertThat(catalog.index()).isSameAs(first);
        assertThat(first.listenerCount()).isEqualTo(1);

        catalog.put("company.data/ingest", record(TriggerFlows.INGEST, 1, false));
        TriggerIndex second = catalog.index();
        assertThat(second).isNotSameAs(first);
        assertThat(second.flow("company.data", "ingest")).isNotNull();
    }

    @Test
    void deletedAndUnparsableFlowsAreForgotten() {
        catalog.put("company.reports/report", record(TriggerFlows.REPORT, 1, false));
        catalog.put("company.reports/report", record(TriggerFlows.REPORT, 2, true));
        assertThat(catalog.index().listenerCount()).isZero();

        catalog.put("company.reports/report", record(TriggerFlows.REPORT, 3, false));
        assertThat(catalog.index().flow("company.reports", "report").revision()).isEqualTo(3);
        catalog.put("company.reports/report", new FlowRecord("company.reports", "report", 4, "id: [", false,
            Instant.EPOCH));
        assertThat(catalog.size()).isZero();
        assertThat(catalog.index().listenerCount()).isZero();
    }

    private static FlowRecord record(String yaml, int revision, boolean deleted) {
        var flow = TriggerFlows.parse(yaml);
        return new FlowRecord(flow.namespace(), flow.id(), revision, yaml, deleted, Instant.EPOCH);
    }
}
