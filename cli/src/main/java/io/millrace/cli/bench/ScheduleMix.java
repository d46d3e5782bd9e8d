package io.millrace.cli.bench;

import io.millrace.model.FlowRecord;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The flows of the scheduler bench: some fire every second, some every minute (each at one second of the
 * minute, spread evenly over the 60), the rest hourly or daily at a time far from now, so that they are
 * held but not due during the run. It knows which (flow, date) pairs are due in a window, to count misses.
 *
 * @param everySecond flows with the cron {@code * * * * * *}
 * @param everyMinute flows with the cron {@code S * * * * *}, S their index modulo 60
 * @param quiet       flows on hourly and daily crons, not due within half an hour of {@code now}
 * @param now         when the flows are made: the quiet ones are scheduled half an hour or half a day away
 */
record ScheduleMix(int everySecond, int everyMinute, int quiet, Instant now) {

    static final String NAMESPACE = "millrace.bench.schedules";

    /** {@code total} flows that fire {@code firesPerSecond} times a second together, half of them every second. */
    static ScheduleMix of(int total, int firesPerSecond, Instant now) {
        int everySecond = Math.max(1, firesPerSecond / 2);
        int everyMinute = Math.min(Math.max(0, total - everySecond), (firesPerSecond - everySecond) * 60);
        return new ScheduleMix(everySecond, everyMinute, Math.max(0, total - everySecond - everyMinute), now);
    }

    int total() {
        return everySecond + everyMinute + quiet;
    }

    /** Fires per second when every trigger fires on time. */
    double firesPerSecond() {
        return everySecond + everyMinute / 60.0;
    }

    /**
     * Every flow as it goes on {@code flows}, in a shuffled (but repeatable) order: the firing flows are
     * spread over the log and its partitions, as they would be in an installation.
     */
    List<FlowRecord> flows() {
        ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
        int quietMinute = (utc.getMinute() + 30) % 60;
        int quietHour = (utc.getHour() + 12) % 24;
        List<FlowRecord> flows = new ArrayList<>(total());
        for (int i = 0; i < everySecond; i++) {
            flows.add(flow(secondId(i), "* * * * * *", true));
        }
        for (int i = 0; i < everyMinute; i++) {
            flows.add(flow(minuteId(i), (i % 60) + " * * * * *", true));
        }
        for (int i = 0; i < quiet; i++) {
            String cron = i % 2 == 0 ? quietMinute + " * * * *" : quietMinute + " " + quietHour + " * * *";
            flows.add(flow("quiet-" + i, cron, false));
        }
        Collections.shuffle(flows, new Random(42));
        return flows;
    }

    /** Whether flow {@code flowId} is due at the whole second {@code epochSecond}. */
    boolean due(String flowId, long epochSecond) {
        if (flowId.startsWith("second-")) {
            return true;
        }
        if (flowId.startsWith("minute-")) {
            return Integer.parseInt(flowId.substring("minute-".length())) % 60 == Math.floorMod(epochSecond, 60);
        }
        return false;
    }

    /** The number of fires due at the whole second {@code epochSecond}. */
    int dueAt(long epochSecond) {
        int second = (int) Math.floorMod(epochSecond, 60);
        int minuteFlows = everyMinute / 60 + (second < everyMinute % 60 ? 1 : 0);
        return everySecond + minuteFlows;
    }

    private static String secondId(int i) {
        return "second-" + i;
    }

    private static String minuteId(int i) {
        return "minute-" + i;
    }

    private FlowRecord flow(String id, String cron, boolean withSeconds) {
        String yaml = """
            id: %s
            namespace: %s
            tasks:
              - id: log
                type: io.kestra.plugin.core.log.Log
                message: "{{ trigger.date }}"
            triggers:
              - id: schedule
                type: io.kestra.plugin.core.trigger.Schedule
                cron: "%s"
            """.formatted(id, NAMESPACE, cron) + (withSeconds ? "    withSeconds: true\n" : "");
        return new FlowRecord(NAMESPACE, id, 1, yaml, false, now);
    }
}
