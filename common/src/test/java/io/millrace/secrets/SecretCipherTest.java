package io.millrace.secrets;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sealing and opening SECRET values: round trip, rotation, tampering, a missing or wrong key. */
class SecretCipherTest {

    private static final String CLEAR = "hunter2-ünïcode";

    private final byte[] key = SecretCipher.newKey();
    private final SecretCipher cipher = SecretCipher.of(key, List.of());

    @Test
    void aSealedValueOpensToItsClearTextAndNeverShowsIt() {
        String sealed = cipher.seal(CLEAR);

        assertThat(sealed).startsWith(SecretCipher.PREFIX + cipher.keyId() + ":").doesNotContain(CLEAR)
            .doesNotContain(Base64.getEncoder().encodeToString(CLEAR.getBytes()));
        assertThat(cipher.open(sealed)).isEqualTo(CLEAR);
        assertThat(cipher.seal(sealed)).as("sealing twice changes nothing").isEqualTo(sealed);
        assertThat(cipher.open("plain")).isEqualTo("plain");
    }

    @Test
    void everySealUsesItsOwnNonce() {
        assertThat(cipher.seal(CLEAR)).isNotEqualTo(cipher.seal(CLEAR));
    }

    @Test
    void aRotatedKeyStillOpensWhatTheOldOneSealed() {
        String old = cipher.seal(CLEAR);
        SecretCipher rotated = SecretCipher.of(SecretCipher.newKey(), List.of(key));

        assertThat(rotated.keyId()).isNotEqualTo(cipher.keyId());
        assertThat(rotated.open(old)).isEqualTo(CLEAR);
        assertThat(rotated.seal(CLEAR)).startsWith(SecretCipher.PREFIX + rotated.keyId() + ":");
    }

    @Test
    void anAlteredValueDoesNotOpen() {
        String sealed = cipher.seal(CLEAR);
        int at = sealed.length() - 5;
        char flipped = sealed.charAt(at) == 'A' ? 'B' : 'A';
        String altered = sealed.substring(0, at) + flipped + sealed.substring(at + 1);

        assertThatThrownBy(() -> cipher.open(altered)).isInstanceOf(SecretCipher.CannotOpen.class)
            .hasMessageContaining("altered").hasMessageNotContaining(CLEAR);
    }

    @Test
    void aValueOfAnotherKeyNamesTheKeyIdNeverTheValue() {
        String sealed = SecretCipher.of(SecretCipher.newKey(), List.of()).seal(CLEAR);

        assertThatThrownBy(() -> cipher.open(sealed)).isInstanceOf(SecretCipher.CannotOpen.class)
            .hasMessageContaining("millrace.encryption.previous-keys").hasMessageNotContaining(CLEAR);
        assertThatThrownBy(() -> SecretCipher.none().open(sealed)).isInstanceOf(SecretCipher.CannotOpen.class)
            .hasMessageContaining(SecretCipher.KEY_SETTING);
    }

    @Test
    void withoutAKeyNothingIsSealedInClear() {
        assertThatThrownBy(() -> SecretCipher.none().seal(CLEAR)).isInstanceOf(SecretCipher.MissingKey.class)
            .hasMessageContaining(SecretCipher.KEY_SETTING).hasMessageNotContaining(CLEAR);
    }

    @Test
    void theKeyNeverShowsInTheCiphersDescription() {
        assertThat(cipher.toString()).doesNotContain(Base64.getEncoder().encodeToString(key));
    }
}
