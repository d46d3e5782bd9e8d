package io.millrace.cli;

import io.millrace.serde.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code millrace flow validate} and {@code millrace flow test}, as a user runs them. */
class CommandLineTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = Millrace.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    private Path write(String name, String yaml) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, yaml);
        return p;
    }

    @Test
    void validateAcceptsValidFlowsInADirectory() throws IOException {
        write("flows/a.yaml", """
            id: a
            namespace: company.team
            tasks:
              - id: hello
                type: io.kestra.plugin.core.log.Log
                message: hi
            """);
        write("flows/nested/b.yml", """
            id: b
            namespace: company.team
            tasks:
              - id: ret
                type: io.millrace.core.debug.Return
                format: "{{ flow.id }}"
            """);

        assertThat(run("flow", "validate", dir.resolve("flows").toString())).isZero();
        assertThat(out.toString()).contains("2 valid, 0 invalid");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void validateReportsEachProblemWithFileLineAndColumn() throws IOException {
        Path bad = write("bad.yaml", """
            id: bad flow
            namespace: company.team
            tasks:
              - id: t1
                type: io.millrace.core.log.Logg
                message: hi
              - id: t1
                type: io.millrace.core.flow.Sleep
                duration: PT1X
            """);

        assertThat(run("flow", "validate", bad.toString())).isEqualTo(1);
        List<String> lines = err.toString().lines().toList();
        assertThat(lines).anyMatch(l -> l.startsWith(bad + ":1:5: id:"));
        assertThat(lines).anyMatch(l -> l.startsWith(bad + ":5:11: ") && l.contains("io.millrace.core.log.Log"));
        assertThat(lines).anyMatch(l -> l.startsWith(bad + ":7:9: ") && l.contains("t1"));
        assertThat(lines).anyMatch(l -> l.startsWith(bad + ":9:15: ") && l.contains("PT1X"));
        assertThat(out.toString()).contains("0 valid, 1 invalid");
    }

    @Test
    void testRunsAFlowAndPrintsTheExecutionAsJson() throws IOException {
        Path flow = write("hello.yaml", """
            id: hello
            namespace: company.team
            inputs:
              - id: name
                type: STRING
            tasks:
              - id: greet
                type: io.millrace.core.debug.Return
                format: "hello {{ inputs.name }}"
              - id: say
                type: io.millrace.core.log.Log
                message: "{{ outputs.greet.value }}"
            """);

        int exit = run("flow", "test", flow.toString(), "--input", "name=world");

        assertThat(exit).isZero();
        Map<String, Object> json = Json.toMap(Json.parse(out.toString()));
        assertThat(json).containsKeys("id", "state", "taskRunList");
        assertThat(((Map<?, ?>) json.get("state")).get("current")).isEqualTo("SUCCESS");
        assertThat((List<?>) json.get("taskRunList")).hasSize(2);
        assertThat(err.toString()).contains("[hello/say] hello world");
    }

    @Test
    void testExitsOneWhenTheExecutionFailsAndRunsSubflowsFromFlowsDirs() throws IOException {
        write("lib/child.yaml", """
            id: child
            namespace: company.team
            tasks:
              - id: boom
                type: io.millrace.core.execution.Fail
                errorMessage: child failed
            """);
        Path parent = write("parent.yaml", """
            id: parent
            namespace: company.team
            tasks:
              - id: call
                type: io.millrace.core.flow.Subflow
                namespace: company.team
                flowId: child
            """);

        int exit = run("flow", "test", parent.toString(), "--flows", dir.resolve("lib").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("\"FAILED\"");
        assertThat(err.toString()).contains("child failed");
    }

    @Test
    void testRejectsAnInvalidFlowWithItsProblems() throws IOException {
        Path bad = write("bad.yaml", """
            id: bad
            namespace: company.team
            tasks: []
            """);

        assertThat(run("flow", "test", bad.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith(bad + ":");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void securityMakesHashesTheApiAccepts() {
        assertThat(run("security", "new-token")).isZero();
        String[] lines = out.toString().split("\\R");
        String token = lines[0].substring("token: ".length());
        String hash = lines[1].substring("hash:  ".length());
        assertThat(new io.millrace.api.security.ApiTokens(List.of(new io.millrace.api.security.SecuritySettings.Token("t", hash)))
            .match(token)).contains("t");

        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("s3cret pass\n".getBytes()));
            out.getBuffer().setLength(0);
            assertThat(run("security", "hash-password")).isZero();
        } finally {
            System.setIn(stdin);
        }
        String encoded = out.toString().trim();
        assertThat(encoded).startsWith("{bcrypt}").doesNotContain("s3cret");
        assertThat(org.springframework.security.crypto.factory.PasswordEncoderFactories.createDelegatingPasswordEncoder()
            .matches("s3cret pass", encoded)).isTrue();
    }
}
