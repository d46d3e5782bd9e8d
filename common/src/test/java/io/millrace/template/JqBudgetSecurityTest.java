package io.millrace.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * jq programs an attacker writes to hold a thread or fill the memory of the api, the executor or a
 * worker: each must end within the render's budget with a clear {@link TemplateException}, and jq
 * must still compute what it computed before.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JqBudgetSecurityTest {

    private final TemplateFixture t = new TemplateFixture();

    private static TemplateEngine engine(Duration timeout, long steps) {
        return new TemplateEngine(SecretProvider.none(), new TemplateLimits(timeout, steps, 1_000_000));
    }

    private static String error(TemplateEngine engine, String template) {
        AtomicReference<String> message = new AtomicReference<>();
        assertThatThrownBy(() -> engine.render(template, Map.of()))
            .isInstanceOf(TemplateException.class)
            .satisfies(e -> message.set(e.getMessage()));
        return message.get();
    }

    private static String jq(String program) {
        return "{{ 0 | jq('" + program + "') }}";
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "until(false; .)",
        "[range(1e9)] | length",
        "last(range(1e12))",
        "reduce range(1e12) as $i (0; .+1)",
        "recurse(.+1) | select(. < 0)",
        "[while(true; .+1)] | length",
        "[limit(1e12; range(1e12))] | length",
        "first(range(1e12) | select(. < 0))",
        "[recurse(.+1; true)] | length",
        "[foreach range(1e12) as $i (0; .+1)] | length",
    })
    void endlessProgramsStopAtTheDeadline(String program) {
        long start = System.nanoTime();

        String message = error(engine(Duration.ofMillis(300), Long.MAX_VALUE), jq(program));

        assertThat(message).startsWith("the template took longer than 300ms").contains("jq(");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "until(false; .)",
        "[range(1e9)] | length",
        "last(range(1e12))",
        "reduce range(1e12) as $i (0; .+1)",
        "recurse(.+1) | select(. < 0)",
        "[while(true; .+1)] | length",
        "[.[]?] | until(length > 1e9; . + [1])",
        "[paths] | until(false; .)",
    })
    void endlessProgramsStopAfterTheirSteps(String program) {
        assertThat(error(engine(Duration.ofMinutes(1), 10_000), jq(program)))
            .startsWith("the template exceeded 10000 steps");
    }

    @Test
    void theDefaultLimitsStopAnEndlessProgramWithinTheirTwoSeconds() {
        long start = System.nanoTime();

        assertThat(t.error(jq("until(false; .)"))).containsAnyOf("took longer than 2s", "exceeded 10000000 steps");
        assertThat(t.error(jq("[range(1e9)] | length"))).containsAnyOf("took longer than 2s", "exceeded 10000000 steps");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aFunctionCallingItselfForEverFailsClearly() {
        assertThat(t.error(jq("def f: f; f")))
            .startsWith("filter 'jq': the program recurses too deeply (does a function call itself for ever?)");
        assertThat(t.error(jq("def f: (.+1 | f); f")))
            .startsWith("filter 'jq': the program recurses too deeply");
    }

    @Test
    void aFunctionCallingItselfTwiceIsStoppedByItsSteps() {
        // no builtin loop at all: each level calls 'empty', a builtin, at the bottom
        String program = "def f: if . > 60 then empty else (.+1 | f), (.+1 | f) end; f";

        assertThat(error(engine(Duration.ofMinutes(1), 10_000), jq(program))).startsWith("the template exceeded 10000 steps");
    }

    /**
     * Programs looping in jq syntax alone, which no budget check reaches, sized to run for seconds
     * (the unbounded forms of the security notes would hold a thread of this test run for ever) and
     * to hold no memory (a collected cross product's garbage slows every thread of the test run).
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "[range(350)] as $a | reduce ($a[] as $x | $a[] as $y | $a[]) as $v (0; .+1)",
        "def f: if . > 21 then ([] | .[]) else (.+1|f), (.+1|f) end; 0 | f",
    })
    void aProgramTheBudgetCannotReachStillFreesTheRenderThreadAtTheDeadline(String program) {
        long start = System.nanoTime();

        String message = error(engine(Duration.ofMillis(300), Long.MAX_VALUE), jq(program));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(message).startsWith("the template took longer than 300ms").contains("jq(");
        // a program the budget cannot reach goes on, on its jq thread, until it ends by itself
        await().atMost(Duration.ofSeconds(28)).until(() -> JqThreads.SHARED.runaways() == 0);
        assertThat(t.render(jq("1 + 1"))).isEqualTo("[2]");
    }

    @Test
    void stepsSpentOnTheJqThreadCountForTheRender() {
        String twice = jq("[range(6000)] | length") + jq("[range(6000)] | length");

        assertThat(error(engine(Duration.ofMinutes(1), 10_000), twice)).startsWith("the template exceeded 10000 steps");
    }

    @Test
    void whenEveryJqThreadHoldsARunawayANewProgramFailsAtOnce() {
        JqThreads threads = new JqThreads(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        TemplateLimits limits = new TemplateLimits(Duration.ofMillis(200), Long.MAX_VALUE, 1_000);

        assertThatThrownBy(() -> budgeted(limits, () -> threads.run(() -> ignoringInterrupts(release), 3, "t")))
            .isInstanceOf(RenderBudget.BudgetExceeded.class)
            .hasMessageStartingWith("the template took longer than 200ms");
        assertThat(threads.runaways()).isEqualTo(1);

        long start = System.nanoTime();
        assertThatThrownBy(() -> budgeted(limits, () -> threads.run(ran::incrementAndGet, 4, "t")))
            .isInstanceOf(JqThreads.Busy.class)
            .hasMessageStartingWith("every jq thread is busy with programs that passed their deadline");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
        assertThat(ran).hasValue(0);

        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> threads.runaways() == 0);
        assertThat(budgeted(limits, () -> threads.run(ran::incrementAndGet, 5, "t"))).isEqualTo(1);
    }

    @Test
    void whatTheJqThreadThrowsReachesTheCallerUnchanged() {
        JqThreads threads = new JqThreads(1);
        TemplateLimits limits = new TemplateLimits(Duration.ofSeconds(5), Long.MAX_VALUE, 1_000);
        IllegalArgumentException thrown = new IllegalArgumentException("bad input");
        StackOverflowError overflow = new StackOverflowError();

        assertThatThrownBy(() -> budgeted(limits, () -> threads.run(() -> { throw thrown; }, 1, "t"))).isSameAs(thrown);
        assertThatThrownBy(() -> budgeted(limits, () -> threads.run(() -> { throw overflow; }, 1, "t"))).isSameAs(overflow);
        assertThat(budgeted(limits, () -> threads.run(() -> Thread.currentThread().getName(), 1, "t")))
            .startsWith("millrace-jq-");
    }

    private static <T> T budgeted(TemplateLimits limits, java.util.function.Supplier<T> work) {
        RenderBudget outer = RenderBudget.enter(limits);
        try {
            return work.get();
        } finally {
            RenderBudget.leave(outer);
        }
    }

    /** Like a loop in jq syntax: deaf to the interrupt and to the budget, until the test lets it go. */
    private static Object ignoringInterrupts(CountDownLatch release) {
        while (true) {
            try {
                release.await();
                return null;
            } catch (InterruptedException e) {
                // ignored, as jackson-jq's syntax nodes do
            }
        }
    }

    @Test
    void repeatIsNotABuiltinOfThisJq() {
        assertThat(t.error(jq("[repeat(1)] | length"))).contains("repeat/1 does not exist");
    }

    @Test
    void aTryDoesNotCatchTheBudget() {
        assertThat(error(engine(Duration.ofMinutes(1), 10_000), jq("try until(false; .) catch 0")))
            .startsWith("the template exceeded 10000 steps");
        assertThat(error(engine(Duration.ofMinutes(1), 10_000), jq("[range(1e9)?] | length")))
            .startsWith("the template exceeded 10000 steps");
    }

    @Test
    void anInterruptedProgramStopsAndKeepsTheInterrupt() throws Exception {
        TemplateEngine engine = engine(Duration.ofMinutes(1), Long.MAX_VALUE);
        CompletableFuture<String> outcome = new CompletableFuture<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread thread = Thread.ofVirtual().start(() -> {
            started.countDown();
            try {
                engine.render(jq("until(false; .)"), Map.of());
                outcome.complete("rendered");
            } catch (TemplateException e) {
                outcome.complete(e.getMessage() + " / interrupted=" + Thread.currentThread().isInterrupted());
            }
        });
        started.await();
        thread.interrupt();

        assertThat(outcome.get(5, TimeUnit.SECONDS))
            .startsWith("the template was stopped: its thread was interrupted")
            .endsWith("interrupted=true");
    }

    @Test
    void theFailureNamesTheTemplateLine() {
        assertThat(error(engine(Duration.ofMinutes(1), 1_000), "a\n{{ 0 | jq('until(false; .)') }}"))
            .isEqualTo("the template exceeded 1000 steps (loop iterations, macro, filter and function calls), "
                + "in '{{ 0 | jq('until(false; .)') }}' at line 2");
    }

    @Test
    void loopsGiveJqsResults() {
        assertThat(t.render("{{ 1 | jq('until(. > 100; . * 2)') }}")).isEqualTo("[128]");
        assertThat(t.render("{{ 1 | jq('[while(. < 100; . * 2)]') | first }}")).isEqualTo("[1,2,4,8,16,32,64]");
        assertThat(t.render(jq("[while(false; .)]"))).isEqualTo("[[]]");
        assertThat(t.render(jq("[.,1] | until(length > 4; . + .) | length"))).isEqualTo("[8]");
        assertThat(t.render(jq("[range(5)] | [range(1; 10; 3)], [range(3)], [limit(3; range(100))]")))
            .isEqualTo("[[1,4,7],[0,1,2],[0,1,2]]");
        assertThat(t.render(jq("reduce range(1000) as $i (0; . + $i)"))).isEqualTo("[499500]");
        assertThat(t.render(jq("[foreach range(4) as $i (0; . + $i)]"))).isEqualTo("[[0,1,3,6]]");
        assertThat(t.render(jq("first(range(10; 20)), last(range(5)), nth(3; range(10))"))).isEqualTo("[10,4,3]");
    }

    @Test
    void recurseWalksLikeJq() {
        Map<String, Object> tree = TemplateFixture.with("tree", "{\"a\": [1, {\"b\": 2}], \"c\": \"x\"}");

        assertThat(t.render("{{ tree | jq('[recurse | numbers]') | first }}", tree)).isEqualTo("[1,2]");
        assertThat(t.render("{{ tree | jq('[..] | length') | first }}", tree)).isEqualTo("6");
        assertThat(t.render("{{ tree | jq('[recurse] | length') | first }}", tree)).isEqualTo("6");
        assertThat(t.render("{{ tree | jq('[paths] | length') | first }}", tree)).isEqualTo("5");
        assertThat(t.render("{{ tree | jq('[path(recurse)]') | first }}", tree))
            .isEqualTo("[[],[\"a\"],[\"a\",0],[\"a\",1],[\"a\",1,\"b\"],[\"c\"]]");
        // recurse(f) stops at nulls, recurse(f; cond) where cond is false
        assertThat(t.render("{{ 2 | jq('[recurse(if . < 1000 then . * . else null end)]') | first }}"))
            .isEqualTo("[2,4,16,256,65536]");
        assertThat(t.render("{{ 2 | jq('[recurse(. * .; . < 1000)]') | first }}")).isEqualTo("[2,4,16,256]");
        // several values to go on with: depth first, in jq's order
        assertThat(t.render(jq("[recurse(if . < 3 then .+1, .+2 else empty end)]"))).isEqualTo("[[0,1,2,3,4,3,2,3,4]]");
        assertThat(t.render(jq("[until(. >= 3; .+1, .+2)]"))).isEqualTo("[[3,4,3,3,4]]");
        assertThat(t.render(jq("[while(. < 3; .+1, .+2)]"))).isEqualTo("[[0,1,2,2]]");
    }

    @Test
    void errorsAndBreaksInsideLoopsKeepJqsOrder() {
        assertThat(t.render(jq("[label $out | 0 | recurse(if . == 3 then break $out else .+1 end)]")))
            .isEqualTo("[[0,1,2,3]]");
        assertThat(t.render(jq("[limit(5; 0 | recurse(.+1))]"))).isEqualTo("[[0,1,2,3,4]]");
        assertThat(t.render(jq("[try until(. > 2; .+1, error(\"x\")) catch .]"))).isEqualTo("[[3,\"x\"]]");
        assertThat(t.error(jq("until(. > 2; error(\"stop\"))"))).startsWith("filter 'jq': stop");
    }
}
