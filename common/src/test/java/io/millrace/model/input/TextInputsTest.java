package io.millrace.model.input;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.millrace.model.input.TestInputs.convert;
import static io.millrace.model.input.TestInputs.problems;
import static org.assertj.core.api.Assertions.assertThat;

class TextInputsTest {

    @Nested
    class Strings {

        @Test
        void keepsTextAsGiven() {
            assertThat(convert("{id: name, type: STRING}", "  Ada Lovelace ")).isEqualTo("  Ada Lovelace ");
        }

        @Test
        void isTheTypeWhenNoneIsDeclared() {
            assertThat(convert("{id: name}", "x")).isEqualTo("x");
        }

        @Test
        void turnsTypedScalarsIntoText() {
            assertThat(convert("{id: name, type: STRING}", 42)).isEqualTo("42");
            assertThat(convert("{id: name, type: STRING}", true)).isEqualTo("true");
            assertThat(convert("{id: name, type: STRING}", new BigDecimal("1E+3"))).isEqualTo("1000");
        }

        @Test
        void keepsAnEmptyString() {
            assertThat(convert("{id: name, type: STRING}", "")).isEqualTo("");
        }

        @Test
        void refusesAList() {
            problems("{id: name, type: STRING}", List.of("a"))
                .containsExactly("input 'name': a list is not a string");
        }

        @Test
        void mustMatchTheWholeValidator() {
            String declaration = "{id: user, type: STRING, validator: 'student\\d*'}";
            assertThat(convert(declaration, "student12")).isEqualTo("student12");
            problems(declaration, "a student12")
                .containsExactly("input 'user': 'a student12' does not match the validator 'student\\d*'");
        }

        @Test
        void reportsAnInvalidValidatorInsteadOfFailing() {
            problems("{id: user, type: STRING, validator: '(a'}", "a")
                .singleElement().asString()
                .startsWith("input 'user': the validator '(a' is not a valid regular expression");
        }
    }

    @Nested
    class Secrets {

        @Test
        void areText() {
            assertThat(convert("{id: token, type: SECRET}", "s3cr3t")).isEqualTo("s3cr3t");
        }

        @Test
        void areNeverShownInMessages() {
            problems("{id: token, type: SECRET, validator: '[a-z]+'}", "Hunter2")
                .containsExactly("input 'token': the secret value does not match the validator '[a-z]+'")
                .noneMatch(message -> message.contains("Hunter2"));
        }

        @Test
        void mustBeText() {
            problems("{id: token, type: SECRET}", 12345)
                .containsExactly("input 'token': the secret value is not a string");
        }
    }

    @Nested
    class Emails {

        @ParameterizedTest
        @ValueSource(strings = {"ada@example.com", "first.last+tag@mail.example.co.uk", " ada@example.com "})
        void acceptsAddresses(String address) {
            assertThat(convert("{id: to, type: EMAIL}", address)).isEqualTo(address.strip());
        }

        @ParameterizedTest
        @ValueSource(strings = {"ada", "ada@", "@example.com", "ada@example", "ada @example.com", "a@b@example.com", "ada@-x.com"})
        void refusesOthers(String address) {
            problems("{id: to, type: EMAIL}", address)
                .containsExactly("input 'to': '" + address + "' is not an email address");
        }
    }

    @Nested
    class Uris {

        @ParameterizedTest
        @ValueSource(strings = {"https://example.com/data.csv?x=1", "s3://bucket/key", "mailto:ada@example.com"})
        void acceptsAbsoluteUris(String uri) {
            assertThat(convert("{id: source, type: URI}", uri)).isEqualTo(uri);
        }

        @Test
        void refusesARelativeUri() {
            problems("{id: source, type: URI}", "data/file.csv")
                .containsExactly("input 'source': 'data/file.csv' is not an absolute URI (expected a scheme, e.g. https://...)");
        }

        @Test
        void refusesText() {
            problems("{id: source, type: URI}", "https://exa mple.com")
                .singleElement().asString()
                .startsWith("input 'source': 'https://exa mple.com' is not a valid URI");
        }
    }

    @Test
    void reportsTheInputIdWithEveryMessage() {
        problems(TestInputs.inputs("""
                - {id: a, type: EMAIL}
                - {id: b, type: URI}
                """), Map.of("a", "nope", "b", "nope"))
            .containsExactly("input 'a': 'nope' is not an email address",
                "input 'b': 'nope' is not an absolute URI (expected a scheme, e.g. https://...)");
    }
}
