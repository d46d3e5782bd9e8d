package io.millrace.api.web.health;

import io.millrace.api.security.OpenEndpoint;
import io.millrace.kafka.KafkaClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.elasticsearch.core.ElasticsearchOperations;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/v1/health}: whether this api process can reach Kafka and the search store. 200
 * with {@code status: UP} when both answer, 503 with {@code DOWN} and the failing part otherwise.
 */
@RestController
public class HealthController implements DisposableBean {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Admin admin;
    private final ElasticsearchOperations search;

    public HealthController(KafkaClients kafka, ElasticsearchOperations search) {
        this.admin = Admin.create(kafka.admin());
        this.search = search;
    }

    @GetMapping("/api/v1/health")
    @OpenEndpoint("a load balancer or orchestrator probes it without credentials")
    public ResponseEntity<Map<String, Object>> health() {
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("kafka", check(() -> admin.describeCluster(new DescribeClusterOptions()
            .timeoutMs((int) TIMEOUT.toMillis())).clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)));
        components.put("search", check(() -> search.cluster().health().getStatus()));
        boolean up = components.values().stream().allMatch("UP"::equals);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("components", components);
        return ResponseEntity.status(up ? 200 : 503).body(body);
    }

    private static String check(Probe probe) {
        try {
            probe.run();
            return "UP";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "DOWN: interrupted";
        } catch (Exception e) {
            return "DOWN: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private interface Probe {
        Object run() throws Exception;
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(5));
    }
}
