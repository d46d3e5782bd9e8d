package io.millrace.model.input;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** FILE inputs of an execution created through the api reach only the files uploaded with it. */
class UploadedFilesSecurityTest {

    private static final URI UPLOADS = URI.create("millrace:///company/team/load/executions/E1/inputs/");
    private static final List<Input> INPUTS = TestInputs.inputs("[{id: data, type: FILE}, {id: note, type: STRING}]");

    private static List<InputProblem> problems(String value) {
        Map<String, Object> typed = InputValues.resolve(INPUTS, Map.of("data", value), t -> t);
        return UploadedFiles.problems(INPUTS, typed, UPLOADS, "company.team");
    }

    @ParameterizedTest
    @ValueSource(strings = {"millrace:///company/team/load/executions/E1/inputs/data/rows.csv",
        "millrace:///company/team/load/executions/E1/inputs/data/my%20rows.csv", "nsfile:///scripts/clean.py",
        "nsfile://company.team/scripts/clean.py"})
    void acceptsItsOwnUploadsAndItsNamespaceFiles(String value) {
        assertThat(problems(value)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "millrace:///company/team/load/executions/E2/inputs/data/rows.csv | is not a file uploaded with this execution",
        "millrace:///company/team/other/executions/E1/inputs/data/rows.csv | is not a file uploaded with this execution",
        "millrace:///other/ns/load/executions/E1/inputs/data/rows.csv | is not a file uploaded with this execution",
        "millrace:///company/team/load/executions/E1/outputs/rows.csv | is not a file uploaded with this execution",
        "millrace://company/team/load/executions/E1/inputs/data/rows.csv | is not a file uploaded with this execution",
        "millrace:///company/team/load/executions/E1/inputs/../../E2/inputs/data/rows.csv | climbs out of its folder",
        "millrace:///company/team/load/executions/E1/inputs/%2e%2e/%2e%2e/E2/inputs/data/rows.csv | climbs out of its folder",
        "nsfile://other.team/secrets.txt | names a file of namespace other.team, not of company.team",
        "nsfile:///../other/secrets.txt | climbs out of its folder",
        "file:///etc/passwd | names a file of the server",
        "/etc/passwd | names a file of the server"})
    void refusesEveryOtherFileNamingTheInput(String value, String why) {
        assertThat(problems(value)).singleElement().satisfies(p -> {
            assertThat(p.inputId()).isEqualTo("data");
            assertThat(p.message()).startsWith("input 'data': ").contains(why);
        });
    }

    @Test
    void aKestraStyleUriIsRefusedWhenTheValueIsTyped() {
        String other = "kestra:///company/team/load/executions/E2/inputs/data/rows.csv";
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(InputException.class,
            () -> InputValues.resolve(INPUTS, Map.of("data", other), t -> t)).problems())
            .extracting(InputProblem::message).singleElement().asString().contains("unsupported scheme 'kestra:'");
    }

    @Test
    void otherInputsAndAbsentFilesAreNotConcerned() {
        Map<String, Object> typed = Map.of("note", "millrace:///company/team/load/executions/E2/inputs/data/rows.csv");
        assertThat(UploadedFiles.problems(INPUTS, typed, UPLOADS, "company.team")).isEmpty();
    }
}
