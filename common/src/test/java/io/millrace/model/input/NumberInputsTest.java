package io.millrace.model.input;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import static io.millrace.model.input.TestInputs.convert;
import static io.millrace.model.input.TestInputs.problems;
import static org.assertj.core.api.Assertions.assertThat;

class NumberInputsTest {

    @Nested
    class Integers {

        @Test
        void acceptsTextAndTypedNumbersAsLong() {
            assertThat(convert("{id: count, type: INT}", "42")).isEqualTo(42L);
            assertThat(convert("{id: count, type: INT}", " -7 ")).isEqualTo(-7L);
            assertThat(convert("{id: count, type: INT}", 42)).isEqualTo(42L);
            assertThat(convert("{id: count, type: INT}", 9_000_000_000L)).isEqualTo(9_000_000_000L);
            assertThat(convert("{id: count, type: INT}", BigInteger.TEN)).isEqualTo(10L);
        }

        @Test
        void acceptsAWholeFloatingNumberFromJson() {
            assertThat(convert("{id: count, type: INT}", 3.0)).isEqualTo(3L);
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "1.5", "3.0", "1e3", "0x10", "twelve"})
        void refusesText(String text) {
            problems("{id: count, type: INT}", text)
                .containsExactly("input 'count': '" + text + "' is not an integer");
        }

        @Test
        void refusesFractionsAndBooleans() {
            problems("{id: count, type: INT}", 2.5).containsExactly("input 'count': '2.5' is not an integer");
            problems("{id: count, type: INT}", true).containsExactly("input 'count': 'true' is not an integer");
        }

        @Test
        void refusesNumbersBeyondLong() {
            problems("{id: count, type: INT}", "99999999999999999999")
                .containsExactly("input 'count': '99999999999999999999' is out of the integer range");
        }

        @Test
        void checksInclusiveBounds() {
            String declaration = "{id: age, type: INT, min: 18, max: 64}";
            assertThat(convert(declaration, "18")).isEqualTo(18L);
            assertThat(convert(declaration, 64)).isEqualTo(64L);
            problems(declaration, "17").containsExactly("input 'age': '17' is less than the minimum 18");
            problems(declaration, 65).containsExactly("input 'age': '65' is greater than the maximum 64");
        }
    }

    @Nested
    class Floats {

        @Test
        void acceptsTextAndTypedNumbersAsDouble() {
            assertThat(convert("{id: ratio, type: FLOAT}", "0.25")).isEqualTo(0.25d);
            assertThat(convert("{id: ratio, type: FLOAT}", "1e-3")).isEqualTo(0.001d);
            assertThat(convert("{id: ratio, type: FLOAT}", 3)).isEqualTo(3.0d);
            assertThat(convert("{id: ratio, type: FLOAT}", 1.5f)).isEqualTo(1.5d);
            assertThat(convert("{id: ratio, type: FLOAT}", new BigDecimal("2.5"))).isEqualTo(2.5d);
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "NaN", "Infinity", "1.5d", "0x1p3", "1,5"})
        void refusesText(String text) {
            problems("{id: ratio, type: FLOAT}", text)
                .containsExactly("input 'ratio': '" + text + "' is not a number");
        }

        @Test
        void refusesOtherShapes() {
            problems("{id: ratio, type: FLOAT}", List.of(1)).containsExactly("input 'ratio': '[1]' is not a number");
            problems("{id: ratio, type: FLOAT}", Double.NaN).containsExactly("input 'ratio': 'NaN' is not a number");
        }

        @Test
        void checksInclusiveBounds() {
            String declaration = "{id: ratio, type: FLOAT, min: 0, max: 1.5}";
            assertThat(convert(declaration, "1.5")).isEqualTo(1.5d);
            problems(declaration, "-0.1").containsExactly("input 'ratio': '-0.1' is less than the minimum 0");
            problems(declaration, "1.51").containsExactly("input 'ratio': '1.51' is greater than the maximum 1.5");
        }

        @Test
        void readsBoundsWrittenAsText() {
            problems("{id: ratio, type: FLOAT, min: '0.5'}", 0.4)
                .containsExactly("input 'ratio': '0.4' is less than the minimum 0.5");
        }
    }
}
