package io.millrace.docs;

import io.millrace.plugin.Catalogue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The generated {@code docs/flow.schema.json}, {@code docs/tasks.md} and {@code docs/states.md} match the code. When they
 * do not, this test writes the new content and fails, so the change is reviewed and committed.
 */
class GeneratedDocsTest {

    @Test
    void flowSchemaIsUpToDate() throws IOException {
        assertUpToDate(FlowSchema.PATH, FlowSchema.generate(Catalogue.get()));
    }

    @Test
    void taskReferenceIsUpToDate() throws IOException {
        assertUpToDate(TaskDocs.PATH, TaskDocs.generate(Catalogue.get()));
    }

    @Test
    void statesPageIsUpToDate() throws IOException {
        assertUpToDate(StatesDoc.PATH, StatesDoc.generate());
    }

    private static void assertUpToDate(String relative, String content) throws IOException {
        Path file = repositoryRoot().resolve(relative);
        String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        if (content.equals(committed)) {
            return;
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        fail(relative + " was out of date and has been regenerated; review and commit it");
    }

    /** The folder holding {@code mvnw}, found from the working directory up. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
    }

    @Test
    void theRepositoryRootHoldsTheBuild() {
        assertThat(repositoryRoot().resolve("pom.xml")).exists();
    }
}
