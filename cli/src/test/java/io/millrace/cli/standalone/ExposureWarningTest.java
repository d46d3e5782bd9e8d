package io.millrace.cli.standalone;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When a standalone warns that anyone may use it: beyond loopback and without credentials, only then. */
class ExposureWarningTest {

    @Test
    void beyondLoopbackWithoutCredentials() {
        assertThat(StandaloneServer.exposureWarning("0.0.0.0", 8080, false)).get().asString()
            .startsWith("WARNING: the API listens on 0.0.0.0 port 8080 without credentials");
        assertThat(StandaloneServer.exposureWarning("::", 8080, false)).isPresent();
        assertThat(StandaloneServer.exposureWarning("192.0.2.2", 8080, false)).isPresent();
    }

    @Test
    void notOnLoopbackNorWithCredentials() {
        assertThat(StandaloneServer.exposureWarning("127.0.0.1", 8080, false)).isEmpty();
        assertThat(StandaloneServer.exposureWarning("::1", 8080, false)).isEmpty();
        assertThat(StandaloneServer.exposureWarning("localhost", 8080, false)).isEmpty();
        assertThat(StandaloneServer.exposureWarning("0.0.0.0", 8080, true)).isEmpty();
    }
}
