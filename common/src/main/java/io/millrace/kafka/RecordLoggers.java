package io.millrace.kafka;

import io.millrace.kafka.KafkaSettings.RecordLogger;
import io.millrace.serde.Json;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.utils.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The record loggers of {@code millrace.kafka.client.loggers}: rules that log the records a
 * producer sends or a consumer receives when their topic, key and value match, for debugging.
 * {@link KafkaClients} installs them as Kafka interceptors ({@link ProducedRecordLogger},
 * {@link ConsumedRecordLogger}) only when rules are configured, and hands them the rules as JSON
 * under {@value #CONFIG}. Lines go to the logger {@code io.millrace.kafka.RecordLoggers} at each
 * rule's level; a value is cut after {@value #MAX_VALUE_CHARS} characters.
 */
public final class RecordLoggers {

    /** The client config entry that carries the rules to the interceptors. */
    public static final String CONFIG = "millrace.kafka.client.loggers";

    /** Longest part of a key or value a line shows. */
    public static final int MAX_VALUE_CHARS = 2048;

    private static final Logger LOG = LoggerFactory.getLogger(RecordLoggers.class);
    private static final String INTERCEPTORS = "interceptor.classes";

    private final List<Rule> rules;
    private final String clientId;

    private RecordLoggers(List<Rule> rules, String clientId) {
        this.rules = rules;
        this.clientId = clientId;
    }

    /** One rule, compiled. A null pattern matches anything. */
    record Rule(RecordLogger.Type type, Pattern topic, Pattern key, Pattern value, Level level) {

        static Rule of(RecordLogger logger) {
            return new Rule(logger.type(), compile(logger.topicRegexp(), "topicRegexp"),
                compile(logger.keyRegexp(), "keyRegexp"), compile(logger.valueRegexp(), "valueRegexp"),
                logger.level() == null ? Level.INFO : Level.valueOf(logger.level().name()));
        }

        boolean watches(RecordLogger.Type direction) {
            return type == null || type == direction;
        }

        private static Pattern compile(String regexp, String name) {
            if (regexp == null || regexp.isEmpty()) {
                return null;
            }
            try {
                return Pattern.compile(regexp);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("millrace.kafka.client.loggers: " + name + " is not a regular expression: "
                    + e.getMessage(), e);
            }
        }
    }

    /**
     * Adds the interceptor of {@code direction} and the rules to the configs of a client, under
     * {@code prefix} ({@code ""} for a plain client, {@code "producer."} or {@code "consumer."} for
     * Kafka Streams). Does nothing when no rule watches that direction.
     */
    static void install(Map<String, Object> configs, List<RecordLogger> loggers, RecordLogger.Type direction, String prefix) {
        if (loggers.stream().noneMatch(l -> l.type() == null || l.type() == direction)) {
            return;
        }
        loggers.forEach(Rule::of); // a bad regular expression fails here, when the client is configured
        String interceptor = (direction == RecordLogger.Type.PRODUCER ? ProducedRecordLogger.class
            : ConsumedRecordLogger.class).getName();
        List<String> classes = new ArrayList<>();
        switch (configs.get(prefix + INTERCEPTORS)) {
            case String names when !names.isBlank() -> Arrays.stream(names.split(",")).map(String::strip).forEach(classes::add);
            case Collection<?> list -> list.forEach(c -> classes.add(c instanceof Class<?> k ? k.getName() : c.toString()));
            case Class<?> k -> classes.add(k.getName());
            case null, default -> {
            }
        }
        if (!classes.contains(interceptor)) {
            classes.add(interceptor);
        }
        configs.put(prefix + INTERCEPTORS, String.join(",", classes));
        configs.put(prefix + CONFIG, Json.write(loggers));
    }

    /** The rules of a client's configs that watch {@code direction}. */
    static RecordLoggers fromConfigs(Map<String, ?> configs, RecordLogger.Type direction) {
        Object json = configs.get(CONFIG);
        List<Rule> rules = new ArrayList<>();
        if (json != null) {
            List<RecordLogger> loggers;
            try {
                loggers = Json.mapper().readValue(json.toString(), new TypeReference<List<RecordLogger>>() { });
            } catch (JacksonException e) {
                throw new IllegalArgumentException(CONFIG + " is not a list of record loggers: " + e.getOriginalMessage(), e);
            }
            loggers.stream().map(Rule::of).filter(r -> r.watches(direction)).forEach(rules::add);
        }
        Object clientId = configs.get(direction == RecordLogger.Type.PRODUCER ? ProducerConfig.CLIENT_ID_CONFIG
            : ConsumerConfig.CLIENT_ID_CONFIG);
        return new RecordLoggers(List.copyOf(rules), clientId == null ? "" : clientId.toString());
    }

    /**
     * Logs one record with every rule it matches.
     *
     * @param action    "sent" or "received"
     * @param partition null when the producer has not chosen it yet
     * @param offset    null before the broker assigned one
     */
    void log(String action, String topic, Integer partition, Long offset, Object key, Object value) {
        for (Rule rule : rules) {
            if (!LOG.isEnabledForLevel(rule.level()) || !matches(rule.topic(), topic)) {
                continue;
            }
            String keyText = text(key);
            if (!matches(rule.key(), keyText)) {
                continue;
            }
            String valueText = text(value);
            if (!matches(rule.value(), valueText)) {
                continue;
            }
            String where = topic + (partition == null ? "" : "-" + partition) + (offset == null ? "" : "@" + offset);
            LOG.atLevel(rule.level()).log("[{}] {} {} key={} value={}", clientId, action, where,
                cut(keyText), cut(valueText));
        }
    }

    private static boolean matches(Pattern pattern, String text) {
        return pattern == null || text != null && pattern.matcher(text).find();
    }

    /** A key or value as text: strings as they are, bytes as UTF-8, records as their JSON. */
    static String text(Object o) {
        return switch (o) {
            case null -> null;
            case String s -> s;
            case byte[] b -> new String(b, StandardCharsets.UTF_8);
            case Bytes b -> new String(b.get(), StandardCharsets.UTF_8);
            default -> {
                try {
                    yield Json.write(o);
                } catch (JacksonException e) {
                    yield String.valueOf(o);
                }
            }
        };
    }

    static String cut(String text) {
        if (text == null || text.length() <= MAX_VALUE_CHARS) {
            return text;
        }
        return text.substring(0, MAX_VALUE_CHARS) + "… (" + text.length() + " characters)";
    }
}
