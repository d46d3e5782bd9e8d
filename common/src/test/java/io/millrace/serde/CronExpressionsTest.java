package io.millrace.serde;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CronExpressionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"0 9 * * MON-FRI", "*/5 * * * *", "0 0 1 JAN *", "0 0 L * *", "0 0 LW * *",
        "0 0 15W * *", "0 0 ? * 1#2", "0 0 * * 7", "0 0 * * 5L", "0,30 8-18 * * 1-5", "@hourly", "@daily",
        "@weekly", "@monthly", "@yearly", "@annually", "@midnight"})
    void acceptsUnixCronAndMacros(String cron) {
        assertThat(CronExpressions.problem(cron, false)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/10 * * * * *", "0 0 9 * * MON-FRI", "30 0 0 L * ?"})
    void acceptsASecondsFieldWithSeconds(String cron) {
        assertThat(CronExpressions.problem(cron, true)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "* * * *", "60 * * * *", "* 24 * * *", "* * 32 * *", "* * * 13 *", "* * * * 8",
        "* * * * * *", "@daily2", "@often", "not a cron", "0 0 * * MON-FUN"})
    void rejectsTheRest(String cron) {
        assertThat(CronExpressions.problem(cron, false)).isNotNull().doesNotContain("Exception");
    }
}
