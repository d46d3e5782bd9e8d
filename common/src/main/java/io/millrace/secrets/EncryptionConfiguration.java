package io.millrace.secrets;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cipher of SECRET input values, for every service that writes or reads them (api, executor, worker). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EncryptionSettings.class)
public class EncryptionConfiguration {

    @Bean
    SecretCipher secretCipher(EncryptionSettings settings) {
        return settings.cipher();
    }
}
