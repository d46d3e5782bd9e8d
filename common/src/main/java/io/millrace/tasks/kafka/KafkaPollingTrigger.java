package io.millrace.tasks.kafka;

import io.millrace.model.trigger.PollingTrigger;
import io.millrace.model.trigger.TriggerContext;
import io.millrace.model.trigger.TriggerFailure;
import io.millrace.plugin.Prop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the two Kafka triggers share: the cluster, the topics, the consumer group whose committed offsets say
 * what was already read, how keys and values are read, and how much one evaluation reads.
 */
public abstract class KafkaPollingTrigger extends PollingTrigger {

    @Prop(value = "Kafka consumer properties; bootstrap.servers is required. Security settings go here too.",
        required = true, dynamic = true)
    protected Map<String, Object> properties;

    @Prop(value = "The topic to read, or a list of topics (set topic or topicPattern).", dynamic = true)
    protected Object topic;

    @Prop(value = "A regular expression: every topic whose whole name matches is read (set topic or topicPattern).",
        dynamic = true)
    protected String topicPattern;

    @Prop(value = "The consumer group whose committed offsets mark what was already read; give each trigger its own.",
        required = true, dynamic = true)
    protected String groupId;

    @Prop("How keys are read: STRING (default) or JSON.")
    protected KafkaSerdeType keyDeserializer;

    @Prop("How values are read: STRING (default) or JSON.")
    protected KafkaSerdeType valueDeserializer;

    @Prop("The most records one evaluation reads (Trigger: no limit; RealtimeTrigger: 100).")
    protected Integer maxRecords;

    @Prop("The longest time one evaluation reads (Trigger: PT30S; RealtimeTrigger: PT10S); keep it under the "
        + "worker's evaluation timeout (1 minute by default).")
    protected Duration maxDuration;

    @Prop("How long one poll waits for records (default PT5S). Trigger reads until a poll brings none; "
        + "RealtimeTrigger ends its evaluation at the first poll that brings some.")
    protected Duration pollDuration;

    public KafkaSerdeType keyDeserializer() {
        return keyDeserializer == null ? KafkaSerdeType.STRING : keyDeserializer;
    }

    public KafkaSerdeType valueDeserializer() {
        return valueDeserializer == null ? KafkaSerdeType.STRING : valueDeserializer;
    }

    /** The record limit of one evaluation, null for none. */
    public Integer maxRecords() {
        return maxRecords;
    }

    /** The time limit of one evaluation (each trigger type has a default, so that an evaluation always ends). */
    public Duration maxDuration() {
        return maxDuration == null ? defaultMaxDuration() : maxDuration;
    }

    public Duration pollDuration() {
        return pollDuration == null ? defaultPollDuration() : pollDuration;
    }

    protected abstract Duration defaultMaxDuration();

    protected abstract Duration defaultPollDuration();

    @Override
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>(super.problems());
        if ((topic == null) == (topicPattern == null)) {
            problems.put(topic == null ? "topic" : "topicPattern", "set either topic or topicPattern");
        }
        if (topic != null && !(topic instanceof String) && !(topic instanceof List<?> list
            && !list.isEmpty() && list.stream().allMatch(t -> t instanceof String))) {
            problems.put("topic", "expected a topic name or a list of topic names");
        }
        if (topicPattern != null && !topicPattern.contains("{{")) {
            try {
                Pattern.compile(topicPattern);
            } catch (PatternSyntaxException e) {
                problems.put("topicPattern", "'" + topicPattern + "' is not a regular expression: " + e.getDescription());
            }
        }
        if (properties == null || !properties.containsKey("bootstrap.servers")) {
            problems.put("properties", "bootstrap.servers is required");
        }
        unsupported(problems, "keyDeserializer", keyDeserializer);
        unsupported(problems, "valueDeserializer", valueDeserializer);
        if (maxRecords != null && maxRecords < 1) {
            problems.put("maxRecords", "must be at least 1, not " + maxRecords);
        }
        positive(problems, "maxDuration", maxDuration);
        positive(problems, "pollDuration", pollDuration);
        return problems;
    }

    private static void unsupported(Map<String, String> problems, String property, KafkaSerdeType type) {
        if (type != null && !type.supported()) {
            problems.put(property, type + " is not supported by Millrace: use STRING or JSON");
        }
    }

    private static void positive(Map<String, String> problems, String property, Duration d) {
        if (d != null && (d.isZero() || d.isNegative())) {
            problems.put(property, "must be a positive duration, not " + d);
        }
    }

    /** Opens a consumer on the rendered cluster, group and topics, positioned at the group's committed offsets. */
    protected KafkaPoll open(TriggerContext context) {
        Map<String, Object> rendered = context.renderMap(properties);
        String group = context.render(groupId);
        if (group == null || group.isBlank()) {
            throw new TriggerFailure("groupId renders empty");
        }
        List<String> topics = new ArrayList<>();
        Pattern pattern = null;
        if (topic != null) {
            Object value = context.renderValue(topic);
            if (value instanceof List<?> list) {
                list.forEach(t -> topics.add(String.valueOf(t)));
            } else {
                topics.add(String.valueOf(value));
            }
        } else {
            String regex = context.render(topicPattern);
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new TriggerFailure("topicPattern '" + regex + "' is not a regular expression: " + e.getDescription());
            }
        }
        String clientId = "millrace-trigger-" + context.evaluation().flowId() + "-" + context.evaluation().triggerId();
        return KafkaPoll.open(rendered, group, clientId, topics, pattern);
    }

    /** The limits of one evaluation's read. */
    protected KafkaPoll.Limits limits(boolean endAtFirstRecords, long maxBytes) {
        return new KafkaPoll.Limits(maxRecords(), maxDuration(), pollDuration(), endAtFirstRecords, maxBytes);
    }
}
