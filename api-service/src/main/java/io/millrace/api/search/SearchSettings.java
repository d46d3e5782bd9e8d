package io.millrace.api.search;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the search store ({@code millrace.search.*}); see {@code docs/configuration.md}.
 *
 * @param engine         which server the store is: {@code opensearch} or {@code elasticsearch}
 * @param uris           the server's HTTP addresses
 * @param username       basic-auth user, if the server wants one
 * @param password       its password
 * @param indexPrefix    prefix of every index name (two installations can share one cluster)
 * @param replicas       replicas of each index Millrace creates (0 on a single node)
 * @param connectTimeout how long connecting may take
 * @param socketTimeout  how long a request may take
 */
@ConfigurationProperties("millrace.search")
public record SearchSettings(
    @DefaultValue("opensearch") Engine engine,
    @DefaultValue("http://127.0.0.1:9200") List<String> uris,
    String username,
    String password,
    @DefaultValue("millrace_") String indexPrefix,
    @DefaultValue("1") int replicas,
    @DefaultValue("10s") Duration connectTimeout,
    @DefaultValue("60s") Duration socketTimeout
) {

    /** The search servers Millrace speaks to, both through Spring Data Elasticsearch's operations. */
    public enum Engine { OPENSEARCH, ELASTICSEARCH }

    @Override
    public String toString() {
        // never the password
        return "SearchSettings[engine=" + engine + ", uris=" + uris + ", username=" + username + ", indexPrefix="
            + indexPrefix + "]";
    }
}
