package io.millrace.api.search;

import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.search.elasticsearch.ElasticsearchNodeExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

/** The search store contract on a real Elasticsearch 9.5.3 server core in a child JVM. */
@ExtendWith({KafkaBrokerExtension.class, ElasticsearchNodeExtension.class})
class ElasticsearchStoreTest extends SearchStoreContract {

    @Override
    List<String> engine() {
        return List.of("millrace.search.engine=elasticsearch",
            "millrace.search.uris=" + System.getProperty(ElasticsearchNodeExtension.URI_PROPERTY));
    }
}
