package io.millrace.serde;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading YAML into a tree while recording where each key and value was written. */
class YamlReaderTest {

    @Test
    void recordsTheLineAndColumnOfEveryKeyAndValue() {
        YamlDocument doc = YamlReader.read("""
            id: hello
            tasks:
              - id: a
                retry: {type: constant, interval: PT1S}
                cases:
                  "a b":
                    - x
            """);

        Locations at = doc.locations();
        assertThat(at.ofKey("id")).isEqualTo(new Locations.Mark(1, 1));
        assertThat(at.ofValue("id")).isEqualTo(new Locations.Mark(1, 5));
        assertThat(at.ofValue("tasks")).isEqualTo(new Locations.Mark(3, 3));
        assertThat(at.ofValue("tasks[0]")).isEqualTo(new Locations.Mark(3, 5));
        assertThat(at.ofKey("tasks[0].retry.interval")).isEqualTo(new Locations.Mark(4, 29));
        assertThat(at.ofValue("tasks[0].retry.interval")).isEqualTo(new Locations.Mark(4, 39));
        assertThat(at.ofValue("tasks[0].cases['a b'][0]")).isEqualTo(new Locations.Mark(7, 11));
    }

    @Test
    void aPathNeverWrittenTakesThePositionOfItsNearestParent() {
        YamlDocument doc = YamlReader.read("tasks:\n  - id: a\n");

        assertThat(doc.locations().ofValue("tasks[0].retry.interval")).isEqualTo(new Locations.Mark(2, 5));
        assertThat(doc.locations().ofValue("nowhere")).isEqualTo(new Locations.Mark(1, 1));
    }

    @Test
    void readsPlainNullsAsYamlDoesAndKeepsQuotedOnesAsText() {
        YamlDocument doc = YamlReader.read("a:\nb: ~\nc: Null\nd: ''\ne: '~'\nf: \"null\"\ng: null\n");

        assertThat(doc.root().get("a").isNull()).isTrue();
        assertThat(doc.root().get("b").isNull()).isTrue();
        assertThat(doc.root().get("c").isNull()).isTrue();
        assertThat(doc.root().get("d").asString()).isEmpty();
        assertThat(doc.root().get("e").asString()).isEqualTo("~");
        assertThat(doc.root().get("f").asString()).isEqualTo("null");
        assertThat(doc.root().get("g").isNull()).isTrue();
    }

    @Test
    void keepsNumbersBooleansAndText() {
        YamlDocument doc = YamlReader.read("i: 3\nl: 12345678901\nd: 1.5\nb: true\ns: PT5M\nq: '3'\n");

        assertThat(doc.root().get("i").isInt()).isTrue();
        assertThat(doc.root().get("l").isLong()).isTrue();
        assertThat(doc.root().get("d").isDouble()).isTrue();
        assertThat(doc.root().get("b").isBoolean()).isTrue();
        assertThat(doc.root().get("s").isString()).isTrue();
        assertThat(doc.root().get("q").isString()).isTrue();
    }

    @Test
    void reportsEveryDuplicateKeyWithBothLinesAndKeepsTheFirstValue() {
        YamlDocument doc = YamlReader.read("id: a\nnested:\n  x: 1\n  x: 2\nid: b\n");

        assertThat(doc.root().get("id").asString()).isEqualTo("a");
        assertThat(doc.root().get("nested").get("x").asInt()).isEqualTo(1);
        assertThat(doc.problems()).extracting(FlowProblem::toString).containsExactly(
            "4:3: nested.x: duplicate key 'x' (first at line 3)",
            "5:1: id: duplicate key 'id' (first at line 1)");
    }

    @Test
    void reportsASyntaxErrorWhereTheScannerStopped() {
        YamlDocument doc = YamlReader.read("id: a\ntasks: [1, 2\n");

        assertThat(doc.problems()).extracting(FlowProblem::toString).containsExactly(
            "3:1: YAML syntax error: expected ',' or ']', but got <stream end> (while parsing a flow sequence at line 2, column 8)");
    }

    @Test
    void reportsTabsUsedForIndentation() {
        YamlDocument doc = YamlReader.read("id: a\n\tnamespace: b\n");

        assertThat(doc.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo(1);
            assertThat(p.message()).startsWith("YAML syntax error: found a tab that cannot start any token");
        });
    }

    @Test
    void anAliasIsACopyOfItsAnchorWithTheAnchorsPositions() {
        YamlDocument doc = YamlReader.read("a: &x\n  k: 1\nb: *x\n");

        assertThat(doc.root().get("b").get("k").asInt()).isEqualTo(1);
        assertThat(doc.locations().ofValue("b")).isEqualTo(new Locations.Mark(3, 4));
        assertThat(doc.locations().ofValue("b.k")).isEqualTo(new Locations.Mark(2, 6));
    }

    @Test
    void rejectsASecondDocument() {
        YamlDocument doc = YamlReader.read("id: a\n---\nid: b\n");

        assertThat(doc.problems()).extracting(FlowProblem::toString)
            .containsExactly("3:1: a flow file holds one YAML document, but a second one starts here");
    }

    @Test
    void rejectsARootThatIsNotAMapping() {
        assertThat(YamlReader.read("just text").problems()).extracting(FlowProblem::message)
            .containsExactly("a flow must be a YAML mapping (id, namespace, tasks…), not 'just text'");
    }
}
