package io.millrace.cli;

import io.millrace.kafka.KafkaUnreachableException;
import io.millrace.shutdown.ShutdownSettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What a user reads of a failed start: the cause in words, not Spring's wrapping. */
class FailureLineTest {

    @Test
    void theMessageOfWhatMillraceThrewNotOfSpringsWrapping() {
        Exception failure = new BeanCreationException("topicsReady", "Error creating bean with name 'topicsReady'",
            new KafkaUnreachableException("cannot reach Kafka at 127.0.0.1:1 within 30 s"));

        assertThat(FailureLine.of(failure)).isEqualTo("cannot reach Kafka at 127.0.0.1:1 within 30 s");
    }

    @Test
    void aSettingThatDoesNotBindIsNamedWithItsValue() {
        BindException bind = catchThrowableOfType(BindException.class, () ->
            new Binder(new MapConfigurationPropertySource(Map.of("millrace.shutdown.grace-period", "soon")))
                .bind("millrace.shutdown", ShutdownSettings.class));

        assertThat(FailureLine.of(new BeanCreationException("millrace.shutdown", "Could not bind properties", bind)))
            .isEqualTo("invalid setting millrace.shutdown.grace-period=soon: 'soon' is not a valid duration");
    }

    @Test
    void aFailureWithoutAnyMessageIsABugAndHasNoLine() {
        assertThat(FailureLine.of(new NullPointerException())).isNull();
    }
}
