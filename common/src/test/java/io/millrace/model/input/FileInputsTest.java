package io.millrace.model.input;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static io.millrace.model.input.TestInputs.convert;
import static io.millrace.model.input.TestInputs.problems;
import static org.assertj.core.api.Assertions.assertThat;

class FileInputsTest {

    @ParameterizedTest
    @ValueSource(strings = {"file:///data/orders.csv", "millrace:///company/team/flow/exec/orders.csv",
        "nsfile:///scripts/clean.py", "FILE:///data/x.csv"})
    void acceptsUrisOfTheKnownSchemes(String uri) {
        assertThat(convert("{id: data, type: FILE}", uri)).isEqualTo(uri);
    }

    @ParameterizedTest
    @CsvSource({"/data/orders.csv, file:///data/orders.csv", "'/data/my orders.csv', file:///data/my%20orders.csv"})
    void turnsAnAbsolutePathIntoAFileUri(String path, String expected) {
        assertThat(convert("{id: data, type: FILE}", path)).isEqualTo(expected);
    }

    @Test
    void acceptsAUriObject() {
        assertThat(convert("{id: data, type: FILE}", URI.create("nsfile:///a.txt"))).isEqualTo("nsfile:///a.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders.csv", "./data/orders.csv", "../orders.csv"})
    void refusesARelativePath(String path) {
        problems("{id: data, type: FILE}", path).containsExactly("input 'data': '" + path
            + "' is a relative path (expected an absolute path or a file:, millrace: or nsfile: URI)");
    }

    @Test
    void refusesAnotherScheme() {
        problems("{id: data, type: FILE}", "s3://bucket/orders.csv").containsExactly("input 'data': 's3://bucket/orders.csv'"
            + " has the unsupported scheme 's3:' (expected an absolute path or a file:, millrace: or nsfile: URI)");
    }

    @Test
    void refusesAUriWithoutAnAbsolutePath() {
        problems("{id: data, type: FILE}", "file:orders.csv").containsExactly("input 'data': 'file:orders.csv'"
            + " does not name an absolute path (expected an absolute path or a file:, millrace: or nsfile: URI)");
    }

    @Test
    void checksTheAllowedExtensionsIgnoringCase() {
        String declaration = "{id: data, type: FILE, allowedFileExtensions: [csv, .JSON]}";
        assertThat(convert(declaration, "/data/a.CSV")).isEqualTo("file:///data/a.CSV");
        assertThat(convert(declaration, "nsfile:///b.json")).isEqualTo("nsfile:///b.json");
        problems(declaration, "/data/a.txt")
            .containsExactly("input 'data': '/data/a.txt' does not have an allowed extension [.csv, .JSON]");
    }
}
