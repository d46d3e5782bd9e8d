package io.millrace.faults;

import io.millrace.schedule.FireLog.Fire;
import io.millrace.model.execution.Execution;
import io.millrace.topics.ExecutionFeed;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the fires of every-second schedules say, flow by flow: dates sent twice under different ids,
 * seconds never sent, the same command sent again, gaps between sends and lateness; and, against the
 * executions the executor created, seconds with no execution or with two.
 */
final class FireAudit {

    private static final Duration SECOND = Duration.ofSeconds(1);

    private final Map<String, List<Fire>> byFlow = new TreeMap<>();

    /** The fires of {@code flowIds} among {@code fires} (every flow present, even one that never fired). */
    FireAudit(Collection<String> flowIds, List<Fire> fires) {
        flowIds.forEach(f -> byFlow.put(f, new ArrayList<>()));
        for (Fire f : fires) {
            List<Fire> of = byFlow.get(f.flowId());
            if (of != null) {
                of.add(f);
            }
        }
        byFlow.values().forEach(l -> l.sort(Comparator.comparing(Fire::date).thenComparing(Fire::sentAt)));
    }

    /** The fires of one flow, by date. */
    List<Fire> of(String flowId) {
        return byFlow.get(flowId);
    }

    /** Every fire, as read (a command sent twice counts twice). */
    int count() {
        return byFlow.values().stream().mapToInt(List::size).sum();
    }

    /** The execution ids the fires asked for, each once. */
    List<String> executionIds() {
        return byFlow.values().stream().flatMap(List::stream).map(Fire::executionId).distinct().toList();
    }

    /** The latest among the flows' first dates: from then on every flow was firing. */
    Instant everyFlowFiring() {
        return byFlow.values().stream().map(l -> l.isEmpty() ? Instant.MAX : l.getFirst().date())
            .max(Instant::compareTo).orElseThrow();
    }

    /** The earliest among the flows' last dates: up to then every flow was firing. */
    Instant everyFlowStillFiring() {
        return byFlow.values().stream().map(l -> l.isEmpty() ? Instant.MIN : l.getLast().date())
            .min(Instant::compareTo).orElseThrow();
    }

    /** Dates of one flow sent under two different execution ids ({@code flow@date: ids}), anywhere in the run. */
    List<String> doubled() {
        List<String> found = new ArrayList<>();
        byFlow.forEach((flow, fires) -> fires.stream()
            .collect(Collectors.groupingBy(Fire::date, TreeMap::new, Collectors.mapping(Fire::executionId, Collectors.toSet())))
            .forEach((date, ids) -> {
                if (ids.size() > 1) {
                    found.add(flow + "@" + date + ": " + ids);
                }
            }));
        return found;
    }

    /** Commands read more than once with the same execution id (the executor ignores the repeats). */
    int repeated() {
        Set<String> seen = new HashSet<>();
        return (int) byFlow.values().stream().flatMap(List::stream).filter(f -> !seen.add(f.executionId())).count();
    }

    /** Every second from {@code from} to {@code to} (both included) that a flow never sent ({@code flow@date}). */
    List<String> missing(Instant from, Instant to) {
        List<String> found = new ArrayList<>();
        byFlow.forEach((flow, fires) -> {
            Set<Instant> dates = fires.stream().map(Fire::date).collect(Collectors.toSet());
            for (Instant d = from; !d.isAfter(to); d = d.plus(SECOND)) {
                if (!dates.contains(d)) {
                    found.add(flow + "@" + d);
                }
            }
        });
        return found;
    }

    /**
     * Against the executions the executor created: seconds from {@code from} to {@code to} where a flow has
     * no execution (none checked when {@code from} is null), and seconds anywhere with more than one
     * ({@code flow@date: n executions}).
     */
    List<String> executionProblems(ExecutionFeed feed, String namespace, Instant from, Instant to) {
        List<String> found = new ArrayList<>();
        for (String flow : byFlow.keySet()) {
            Map<Instant, Long> perDate = feed.executions(namespace, flow).stream()
                .filter(e -> e.header().trigger() != null)
                .collect(Collectors.groupingBy(FireAudit::scheduledDate, Collectors.counting()));
            perDate.forEach((date, n) -> {
                if (n > 1) {
                    found.add(flow + "@" + date + ": " + n + " executions");
                }
            });
            for (Instant d = from; d != null && !d.isAfter(to); d = d.plus(SECOND)) {
                if (!perDate.containsKey(d)) {
                    found.add(flow + "@" + d + ": no execution");
                }
            }
        }
        return found;
    }

    private static Instant scheduledDate(Execution e) {
        return OffsetDateTime.parse(String.valueOf(e.header().trigger().variables().get("date"))).toInstant();
    }

    /**
     * The longest time a flow went without a fire being sent (between the record timestamps of two
     * consecutive fires of one flow), over every flow: {@code flowId} and the gap.
     */
    Map.Entry<String, Duration> longestGap() {
        Map.Entry<String, Duration> longest = Map.entry("-", Duration.ZERO);
        for (var e : byFlow.entrySet()) {
            List<Instant> sent = e.getValue().stream().map(Fire::sentAt).sorted().toList();
            for (int i = 1; i < sent.size(); i++) {
                Duration gap = Duration.between(sent.get(i - 1), sent.get(i));
                if (gap.compareTo(longest.getValue()) > 0) {
                    longest = Map.entry(e.getKey(), gap);
                }
            }
        }
        return longest;
    }

    /** The lateness (sent − date) of the fires that {@code which} selects, sorted. */
    List<Duration> lateness(Predicate<Fire> which) {
        return byFlow.values().stream().flatMap(List::stream).filter(which).map(Fire::lateness).sorted().toList();
    }

    /** The {@code p}-th percentile (nearest rank) of sorted durations; null when there are none. */
    static Duration percentile(List<Duration> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** The first {@code limit} of {@code problems}, one a line, for failure messages. */
    static String firstOf(List<String> problems, int limit) {
        return problems.stream().limit(limit).collect(Collectors.joining("\n  ", "  ", problems.size() > limit
            ? "\n  … and " + (problems.size() - limit) + " more" : ""));
    }
}
