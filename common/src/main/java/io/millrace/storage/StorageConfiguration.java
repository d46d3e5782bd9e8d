package io.millrace.storage;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The internal storage of any service that reads or writes {@code millrace:///} files. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageSettings.class)
public class StorageConfiguration {

    @Bean
    InternalStorage internalStorage(StorageSettings settings) {
        return new LocalInternalStorage(settings.basePath());
    }
}
