package io.millrace.shutdown;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Derives Spring's {@code spring.lifecycle.timeout-per-shutdown-phase} from
 * {@code millrace.shutdown.grace-period} when it is not set: Spring's default (30 s) is the whole grace
 * period, and a web server stopping gracefully waits that long for a live follow that never ends by
 * itself, leaving the worker and the executor no time to stop.
 */
public final class WebShutdownTimeout implements EnvironmentPostProcessor {

    static final String KEY = "spring.lifecycle.timeout-per-shutdown-phase";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(KEY)) {
            return;
        }
        // a mistake in the grace period stops the start here, before the service waits for anything
        ShutdownSettings settings = Binder.get(environment).bind("millrace.shutdown", ShutdownSettings.class)
            .orElse(ShutdownSettings.DEFAULTS);
        // last: any property source the user has wins
        environment.getPropertySources().addLast(new MapPropertySource("millraceShutdown",
            Map.of(KEY, settings.webRequestsWait().toMillis() + "ms")));
    }
}
