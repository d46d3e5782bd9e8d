package io.millrace.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalInternalStorageTest {

    @TempDir
    Path base;

    @Test
    void storesReadsAndDeletesByUri() throws Exception {
        InternalStorage storage = new LocalInternalStorage(base);
        URI uri = URI.create("millrace:///company/hello/executions/e1/inputs/file/data.txt");

        storage.put(uri, new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)));

        try (InputStream in = storage.get(uri).orElseThrow()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
        assertThat(base.resolve("company/hello/executions/e1/inputs/file/data.txt")).exists();
        assertThat(storage.delete(uri)).isTrue();
        assertThat(storage.get(uri)).isEmpty();
        assertThat(storage.delete(uri)).isFalse();
    }

    @Test
    void refusesUrisOutsideTheStorage() {
        InternalStorage storage = new LocalInternalStorage(base);

        assertThatThrownBy(() -> storage.get(URI.create("millrace:///../outside.txt")))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.get(URI.create("file:///etc/hosts")))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExecutionsFilesLiveUnderItsFolderAndGoTogether() throws Exception {
        InternalStorage storage = new LocalInternalStorage(base);
        URI a = InternalStorage.inputFile("company.team", "hello", "e1", "report", "../../my report.csv");
        URI b = InternalStorage.inputFile("company.team", "hello", "e1", "other", "C:\\Users\\ada\\b.txt");
        URI kept = InternalStorage.inputFile("company.team", "hello", "e2", "report", "c.csv");
        assertThat(a.toString()).isEqualTo("millrace:///company/team/hello/executions/e1/inputs/report/my%20report.csv");
        assertThat(b.getPath()).endsWith("/inputs/other/b.txt");
        for (URI u : java.util.List.of(a, b, kept)) {
            storage.put(u, new ByteArrayInputStream("12345".getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(storage.size(a)).contains(5L);

        assertThat(storage.deleteAll(InternalStorage.executionFolder("company.team", "hello", "e1"))).isEqualTo(2);
        assertThat(storage.get(a)).isEmpty();
        assertThat(storage.size(kept)).contains(5L);
        assertThat(storage.deleteAll(InternalStorage.executionFolder("company.team", "hello", "e9"))).isZero();
    }
}
