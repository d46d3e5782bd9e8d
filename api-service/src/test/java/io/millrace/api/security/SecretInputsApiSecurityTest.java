package io.millrace.api.security;

import io.millrace.api.ApiServer;
import io.millrace.api.ApiServer.Answer;
import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.kafka.embedded.BootstrapServers;
import io.millrace.search.embedded.OpenSearchNodeExtension;
import io.millrace.secrets.SecretCipher;
import io.millrace.topics.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The api's side of SECRET inputs, over real HTTP and a real broker: the command it writes holds the
 * value sealed (the raw bytes of the topic are scanned), its answer shows it masked, and without an
 * encryption key it refuses the run naming the setting instead of storing the value in clear.
 */
@ExtendWith({KafkaBrokerExtension.class, OpenSearchNodeExtension.class})
class SecretInputsApiSecurityTest {

    private static final String PW = "api-s3cret-Value";
    private static final String FLOW = """
        id: login
        namespace: sec.api
        inputs:
          - id: user
            type: STRING
          - id: pw
            type: SECRET
        tasks:
          - id: show
            type: io.kestra.plugin.core.log.Log
            message: "{{ inputs.user }} {{ inputs.pw }}"
        """;

    private static ApiServer keyed;
    private static ApiServer keyless;

    @BeforeAll
    static void start(@BootstrapServers String bootstrap) {
        String key = Base64.getEncoder().encodeToString(SecretCipher.newKey());
        keyed = new ApiServer(bootstrap, "millrace.encryption.key=" + key);
        keyless = new ApiServer(bootstrap);
        for (ApiServer api : List.of(keyed, keyless)) {
            Answer created = api.postYaml("/api/v1/flows", FLOW);
            assertThat(created.status()).as(created.body()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        for (ApiServer api : new ApiServer[] {keyed, keyless}) {
            if (api != null) {
                api.close();
            }
        }
    }

    @Test
    void theCommandHoldsTheSecretSealedAndTheAnswerMasked() {
        Answer created = run(keyed);

        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().get("inputs").get("pw").asString()).isEqualTo("******");
        assertThat(created.json().get("inputs").get("user").asString()).isEqualTo("ada");
        assertThat(created.body()).doesNotContain(PW);
        String id = created.json().get("id").asString();

        List<byte[]> records = rawRecords(keyed, Topic.EXECUTION_COMMANDS);
        String all = String.join("\n", records.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList());
        assertThat(all).contains(id).contains(SecretCipher.PREFIX);
        assertThat(all).doesNotContain(PW).doesNotContain(Base64.getEncoder().encodeToString(PW.getBytes()));
    }

    @Test
    void withoutAKeyTheRunIsRefusedNamingTheSettingAndNothingIsWritten() {
        Answer refused = run(keyless);

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("millrace.encryption.key").contains("inputs.pw")
            .doesNotContain(PW);
        List<byte[]> records = rawRecords(keyless, Topic.EXECUTION_COMMANDS);
        assertThat(records).noneMatch(b -> new String(b, StandardCharsets.UTF_8).contains(PW));
    }

    @Test
    void aValueThatLooksSealedIsRefusedWhateverTheInput() {
        // only Millrace seals: a sealed value copied from elsewhere would have a worker open it
        String sealed = SecretCipher.ephemeral().seal("someone else's secret");
        for (String user : List.of(sealed, sealed.replace(SecretCipher.PREFIX, SecretCipher.PREFIX + "0"))) {
            Answer refused = run(keyed, user, PW);

            assertThat(refused.status()).as(refused.body()).isEqualTo(422);
            assertThat(refused.body()).contains("inputs.user").contains("only Millrace encrypts values");
        }
    }

    private static Answer run(ApiServer api) {
        return run(api, "ada", PW);
    }

    private static Answer run(ApiServer api, String user, String pw) {
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"user\"\r\n\r\n" + user + "\r\n"
            + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"pw\"\r\n\r\n" + pw + "\r\n"
            + "--" + boundary + "--\r\n";
        return api.send("POST", "/api/v1/executions/sec.api/login", "multipart/form-data; boundary=" + boundary, body);
    }

    /** The raw bytes of every record value on {@code topic}, up to its end now. */
    private static List<byte[]> rawRecords(ApiServer api, Topic topic) {
        KafkaClients kafka = api.context().getBean(KafkaClients.class);
        String name = kafka.topic(topic);
        List<byte[]> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumer(null, "secret-test"),
            new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(name).stream()
                .map(p -> new TopicPartition(name, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                assertThat(System.nanoTime()).as("the topic is read to its end in time").isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    found.add(r.value());
                }
            }
        }
        return found;
    }
}
