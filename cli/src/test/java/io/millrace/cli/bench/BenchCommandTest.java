package io.millrace.cli.bench;

import io.millrace.cli.Millrace;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code millrace bench} end to end at a tiny scale: its own embedded broker, the executor and the
 * worker in process, every part but the 10,000-task-run execution (too long for the suite).
 */
class BenchCommandTest {

    @Test
    void aSmallBenchRunsEveryPartAndPrintsItsFigures() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Millrace.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));

        int code = cmd.execute("bench", "--runs", "1", "--scale", "0.02", "--warmup", "0s", "--partitions", "4",
            "--only", "saturation,latency,shapes,foreach,parallel,records");

        assertThat(code).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text).contains("2-task saturation, 60 at once", "2-task latency p99 at 150/s",
            "three-tasks, 40 at once", "parallel-10, sequential p99", "ForEach of 100 values (one at a time), wall",
            "Parallel of 1,000 Log tasks, wall", "largest record per topic", "_execution_commands");
        assertThat(text).doesNotContain("10,000 task runs");
    }

    @Test
    void theSchedulerPartFiresEveryDueDateOnceWithoutExecutor() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Millrace.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));

        int code = cmd.execute("bench", "--runs", "1", "--scale", "0.01", "--partitions", "4", "--only", "scheduler");

        assertThat(code).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text).contains("no executor nor worker", "1,000 flows (5 every second, 300 every minute",
            "scheduler start() → first fire", "all 1,000 triggers held", "fire lateness p99 (sent)",
            "scheduler CPU per tick");
        assertThat(text).containsPattern("fires missed in the window \\(of 50\\)\\s+0.00");
        assertThat(text).containsPattern("fires sent twice in the window\\s+0.00");
        assertThat(text).containsPattern("fires not due in the window\\s+0.00");
    }

    @Test
    void percentilesAndMedians() {
        List<Integer> values = List.of(5, 1, 4, 2, 3, 10, 7, 6, 9, 8);
        assertThat(Stats.percentile(values, 50)).isEqualTo(5);
        assertThat(Stats.percentile(values, 99)).isEqualTo(10);
        assertThat(Stats.percentile(values, 10)).isEqualTo(1);
        assertThat(Stats.median(values)).isEqualTo(5.5);
        assertThat(Stats.median(List.of(3, 1, 2))).isEqualTo(2);
        assertThat(Stats.median(List.of())).isNaN();
    }

    @Test
    void targetsAreJudgedOnTheMedian() {
        StringWriter out = new StringWriter();
        Figures figures = new Figures(new PrintWriter(out, true));
        figures.add("rate", "exec/s", 150, Figures.Target.atLeast(200));
        figures.add("rate", "exec/s", 250, Figures.Target.atLeast(200));
        figures.add("rate", "exec/s", 210, Figures.Target.atLeast(200));
        figures.add("p99", "ms", 300, Figures.Target.atMost(200));
        StringWriter summary = new StringWriter();
        figures.print(new PrintWriter(summary, true));
        assertThat(summary.toString()).containsPattern("rate\\s+exec/s\\s+210\\s+≥ 200\\s+150 250 210");
        assertThat(summary.toString()).containsPattern("p99\\s+ms\\s+300\\s+≤ 200\\s+MISSED");
    }
}
