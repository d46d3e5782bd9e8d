package io.millrace.cli.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of every run, printed as they come and summed up as medians against their targets. */
final class Figures {

    /** What a figure should reach; judged on the median of the runs. */
    record Target(String text, double bound, boolean atLeast) {
        static final Target NONE = new Target("", Double.NaN, false);

        static Target atLeast(double bound) {
            return new Target("≥ " + format(bound), bound, true);
        }

        static Target atMost(double bound) {
            return new Target("≤ " + format(bound), bound, false);
        }

        boolean met(double value) {
            return Double.isNaN(bound) || (atLeast ? value >= bound : value <= bound);
        }
    }

    private record Figure(String unit, Target target, List<Double> values) {
    }

    private final Map<String, Figure> figures = new LinkedHashMap<>();
    private final PrintWriter live;

    Figures(PrintWriter live) {
        this.live = live;
    }

    /** Records one run's value of a figure and prints it. */
    void add(String name, String unit, double value, Target target) {
        figures.computeIfAbsent(name, k -> new Figure(unit, target, new ArrayList<>())).values().add(value);
        live.printf("  %-50s %12s %s%n", name, format(value), unit);
        live.flush();
    }

    /** The summary: the median of the runs, the target and whether the median meets it, each run's value. */
    void print(PrintWriter out) {
        out.printf("%-50s %-7s %12s  %-18s %s%n", "figure", "unit", "median", "target", "runs");
        for (var e : figures.entrySet()) {
            Figure f = e.getValue();
            double median = Stats.median(f.values());
            String target = f.target().text() + (f.target().met(median) ? "" : "  MISSED");
            out.printf("%-50s %-7s %12s  %-18s %s%n", e.getKey(), f.unit(), format(median), target,
                String.join(" ", f.values().stream().map(Figures::format).toList()));
        }
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return Math.abs(v) >= 100 ? String.format("%,.0f", v) : String.format("%.2f", v);
    }
}
