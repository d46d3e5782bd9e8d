package io.millrace.api.search;

import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.search.embedded.OpenSearchNodeExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

/** The search store contract on an embedded OpenSearch 3.8 node. */
@ExtendWith({KafkaBrokerExtension.class, OpenSearchNodeExtension.class})
class OpenSearchStoreTest extends SearchStoreContract {

    @Override
    List<String> engine() {
        return List.of("millrace.search.engine=opensearch",
            "millrace.search.uris=" + System.getProperty(OpenSearchNodeExtension.URI_PROPERTY));
    }
}
