package io.millrace.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * Where internal storage keeps files ({@code millrace.storage.*}); see {@code docs/configuration.md}.
 *
 * @param basePath the directory of {@code millrace:///} files; every service that reads or writes
 *                 them (api, workers) must see the same directory: one machine, or a shared volume
 */
@ConfigurationProperties("millrace.storage")
public record StorageSettings(Path basePath) {

    public StorageSettings {
        if (basePath == null) {
            basePath = Path.of(System.getProperty("java.io.tmpdir"), "millrace-storage");
        }
    }
}
