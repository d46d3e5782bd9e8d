package io.millrace.kafka.embedded;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Lowers the embedded broker's own logging to warnings: at INFO a broker writes hundreds of lines
 * at start, which would drown the application's. Only loggers with no level of their own are
 * changed, so a level the application configures ({@code logging.level.kafka=INFO} in Spring Boot,
 * a {@code <logger>} in logback.xml) always wins.
 *
 * <p>The levels are applied when a broker starts, again whenever Logback is reset (a reload of
 * its configuration), and by {@link KafkaBrokerExtension} before each test, since a Spring Boot
 * application context started after the broker configures Logback from scratch. Works when SLF4J
 * is bound to Logback (Spring Boot's default); with another binding the levels are left to the
 * application.
 */
final class QuietLogs {

    /** Logger names and the level they get unless configured. */
    static final Map<String, String> LEVELS = Map.ofEntries(
        Map.entry("kafka", "WARN"),
        Map.entry("state.change.logger", "WARN"),
        Map.entry("org.apache.kafka.server", "WARN"),
        Map.entry("org.apache.kafka.controller", "WARN"),
        Map.entry("org.apache.kafka.raft", "WARN"),
        Map.entry("org.apache.kafka.metadata", "WARN"),
        Map.entry("org.apache.kafka.image", "WARN"),
        Map.entry("org.apache.kafka.snapshot", "WARN"),
        Map.entry("org.apache.kafka.queue", "WARN"),
        Map.entry("org.apache.kafka.storage", "WARN"),
        Map.entry("org.apache.kafka.coordinator", "WARN"),
        Map.entry("org.apache.kafka.network", "WARN"),
        Map.entry("org.apache.kafka.security", "WARN"),
        // a broker prints its whole configuration (some 300 lines) four times at each start
        // through the logger that clients print theirs with: both are hidden unless asked for
        Map.entry("org.apache.kafka.common.config.AbstractConfig", "WARN"),
        // transactions v2 retry CONCURRENT_TRANSACTIONS and "expected sequence 0" at every
        // transaction boundary: harmless, and logged as warnings by the producer's sender
        Map.entry("org.apache.kafka.clients.producer.internals.Sender", "ERROR"));

    private QuietLogs() {
    }

    /** Applies {@link #LEVELS} now and whenever Logback is configured again. */
    static void apply() {
        if (!logbackPresent()) {
            return;
        }
        Logback.apply(LoggerFactory.getILoggerFactory());
    }

    private static boolean logbackPresent() {
        try {
            Class.forName("ch.qos.logback.classic.LoggerContext", false, QuietLogs.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The part that names Logback's classes, loaded only when Logback is there. */
    private static final class Logback {

        static void apply(ILoggerFactory factory) {
            if (!(factory instanceof LoggerContext context)) {
                return;
            }
            setUnsetLevels(context);
            // Spring Boot stops the context before configuring it again, which drops every listener
            if (context.getCopyOfListenerList().stream().noneMatch(ReapplyOnReset.class::isInstance)) {
                context.addListener(new ReapplyOnReset());
            }
        }

        static void setUnsetLevels(LoggerContext context) {
            LEVELS.forEach((name, level) -> {
                Logger logger = context.getLogger(name);
                if (logger.getLevel() == null) {
                    logger.setLevel(Level.toLevel(level));
                }
            });
        }
    }

    /**
     * Logback clears every level when it is configured again (Spring Boot does so when an
     * application context starts); this puts the defaults back before the new configuration
     * and the application's levels apply.
     */
    private static final class ReapplyOnReset implements LoggerContextListener {

        @Override
        public boolean isResetResistant() {
            return true;
        }

        @Override
        public void onStart(LoggerContext context) {
        }

        @Override
        public void onReset(LoggerContext context) {
            Logback.setUnsetLevels(context);
        }

        @Override
        public void onStop(LoggerContext context) {
        }

        @Override
        public void onLevelChange(Logger logger, Level level) {
        }
    }
}
