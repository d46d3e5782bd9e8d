package io.millrace.api.search;

import io.millrace.api.indexer.Indexer;
import io.millrace.api.indexer.IndexerSettings;
import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.TopicsReady;
import org.opensearch.data.client.osc.OpenSearchClients;
import org.opensearch.data.client.osc.OpenSearchTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.elasticsearch.client.ClientConfiguration;
import org.springframework.data.elasticsearch.client.elc.ElasticsearchClients;
import org.springframework.data.elasticsearch.client.elc.ElasticsearchTemplate;
import org.springframework.data.elasticsearch.core.ElasticsearchOperations;

import java.net.URI;

/**
 * The search store: one {@link ElasticsearchOperations} for the configured engine (OpenSearch through
 * spring-data-opensearch's template, Elasticsearch through Spring Data Elasticsearch's own; Spring
 * Data Elasticsearch's client cannot talk to OpenSearch), its indices, the stores the API reads and
 * the indexer that fills them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SearchSettings.class, IndexerSettings.class})
public class SearchConfiguration {

    @Bean
    ElasticsearchOperations searchOperations(SearchSettings settings) {
        ClientConfiguration client = client(settings);
        return switch (settings.engine()) {
            case OPENSEARCH -> new OpenSearchTemplate(OpenSearchClients.createImperative(client));
            case ELASTICSEARCH -> new ElasticsearchTemplate(ElasticsearchClients.createImperative(client));
        };
    }

    static ClientConfiguration client(SearchSettings settings) {
        if (settings.uris().isEmpty()) {
            throw new IllegalArgumentException("millrace.search.uris is empty: give the search server's address");
        }
        String[] hosts = new String[settings.uris().size()];
        boolean ssl = false;
        for (int i = 0; i < hosts.length; i++) {
            URI uri = URI.create(settings.uris().get(i));
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("millrace.search.uris: '" + settings.uris().get(i)
                    + "' is not an address like http://host:9200");
            }
            ssl |= "https".equalsIgnoreCase(uri.getScheme());
            hosts[i] = uri.getHost() + ":" + (uri.getPort() < 0 ? 9200 : uri.getPort());
        }
        var builder = ClientConfiguration.builder().connectedTo(hosts);
        var terminal = ssl ? builder.usingSsl() : builder;
        terminal = terminal.withConnectTimeout(settings.connectTimeout()).withSocketTimeout(settings.socketTimeout());
        if (settings.username() != null) {
            terminal = terminal.withBasicAuth(settings.username(), settings.password() == null ? "" : settings.password());
        }
        return terminal.build();
    }

    /** The indices, created with their mappings before anything reads or writes them. */
    @Bean
    SearchIndices searchIndices(ElasticsearchOperations operations, SearchSettings settings) {
        SearchIndices indices = new SearchIndices(operations, settings.indexPrefix(), settings.replicas());
        indices.create(java.time.Instant.now());
        return indices;
    }

    @Bean
    SearchStores searchStores(ElasticsearchOperations operations, SearchIndices indices) {
        return new SearchStores(operations, indices);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "millrace.indexer.enabled", matchIfMissing = true)
    Indexer indexer(KafkaClients kafka, TopicsReady topics, ElasticsearchOperations operations, SearchIndices indices,
                    IndexerSettings settings) {
        return new Indexer(kafka, operations, indices, settings, java.time.Clock.systemUTC()).start();
    }
}
