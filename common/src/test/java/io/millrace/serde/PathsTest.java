package io.millrace.serde;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PathsTest {

    @Test
    void plainKeysAreDottedAndOthersQuoted() {
        assertThat(Paths.property("", "tasks")).isEqualTo("tasks");
        assertThat(Paths.property(Paths.index("tasks", 2), "retry")).isEqualTo("tasks[2].retry");
        assertThat(Paths.property("labels", "system.readOnly")).isEqualTo("labels['system.readOnly']");
        assertThat(Paths.property("cases", "it's")).isEqualTo("cases['it\\'s']");
    }

    @Test
    void theParentOfAPathIsThePathItWasBuiltFrom() {
        assertThat(Paths.parent("tasks[2].retry")).isEqualTo("tasks[2]");
        assertThat(Paths.parent("tasks[2]")).isEqualTo("tasks");
        assertThat(Paths.parent("tasks")).isEmpty();
        assertThat(Paths.parent("")).isNull();
        assertThat(Paths.parent("labels['system.readOnly']")).isEqualTo("labels");
        assertThat(Paths.parent("cases['a.b'][0]")).isEqualTo("cases['a.b']");
        assertThat(Paths.parent("cases['it\\'s'].x")).isEqualTo("cases['it\\'s']");
        assertThat(Paths.parent("['odd key']")).isEmpty();
    }
}
