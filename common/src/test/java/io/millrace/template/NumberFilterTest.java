package io.millrace.template;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NumberFilterTest {

    private final TemplateFixture t = new TemplateFixture();

    @Test
    void textBecomesANumberThatComputes() {
        assertThat(t.render("{{ '12' | number + 1 }} {{ '2.5' | number * 2 }} {{ ' 7 ' | number }}"))
            .isEqualTo("13 5 7");
    }

    @Test
    void wholeNumbersAreIntegersOthersDecimals() {
        assertThat(t.render("{{ ('10' | number) / 4 }} {{ ('10.0' | number) / 4 }}")).isEqualTo("2 2.5");
        assertThat(t.render("{{ '123456789012345678901234567890' | number }}"))
            .isEqualTo("123456789012345678901234567890");
    }

    @Test
    void convertsToTheTypeAsked() {
        assertThat(t.render("{{ '12' | number('INT') }} {{ '12' | number('long') }} {{ '1.25' | number('FLOAT') }}"))
            .isEqualTo("12 12 1.25");
        assertThat(t.render("{{ '1.10' | number('BIGDECIMAL') }} {{ 3 | number('DOUBLE') / 2 }}")).isEqualTo("1.1 1.5");
    }

    @Test
    void refusesWhatIsNotANumber() {
        assertThat(t.error("{{ 'twelve' | number }}")).startsWith("filter 'number': 'twelve' is not a number");
        assertThat(t.error("{{ '1.5' | number('INT') }}"))
            .startsWith("filter 'number': 1.5 is not a whole number that fits INT");
        assertThat(t.error("{{ '1' | number('SHORTISH') }}")).startsWith("filter 'number': unknown type 'SHORTISH'");
    }
}
