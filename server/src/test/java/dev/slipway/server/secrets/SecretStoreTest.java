package dev.slipway.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.runner.spec.SecretSpec;
import dev.slipway.runner.spec.TaskSpecException;
import dev.slipway.server.TestDirs;
import dev.slipway.server.meta.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretStoreTest {
    @Test
    void sealedValuesNeedTheKeyTheyWereSealedWith(@TempDir(factory = TestDirs.InMemory.class) Path a,
                                                   @TempDir(factory = TestDirs.InMemory.class) Path b) throws IOException {
        SecretCipher cipher = SecretCipher.open(a, List.of());
        String sealed = cipher.seal("hunter2");
        assertThat(sealed).doesNotContain("hunter2");
        assertThat(cipher.seal("hunter2")).as("a fresh nonce every time").isNotEqualTo(sealed);
        assertThat(cipher.open(sealed)).isEqualTo("hunter2");
        assertThat(SecretCipher.open(a, List.of()).open(sealed)).as("the key is kept").isEqualTo("hunter2");
        assertThatThrownBy(() -> SecretCipher.open(b, List.of()).open(sealed)).isInstanceOf(SecretException.class)
                .hasMessageContaining("cannot decrypt a stored secret with " + b.resolve("secrets.key"))
                .hasMessageContaining("not the one the secret was stored with");
        String tampered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> cipher.open(tampered)).isInstanceOf(SecretException.class);
        Files.write(b.resolve("secrets.key"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> SecretCipher.open(b, List.of())).isInstanceOf(IOException.class).hasMessageContaining("exactly 32 bytes");
    }

    @Test
    void keyvaultUrlsNameTheSecretByTheirLastNameSegment(@TempDir(factory = TestDirs.InMemory.class) Path dir) throws Exception {
        try (Database db = Database.openSqlite(dir.resolve("slipway.db"))) {
            SecretStore store = SecretStore.open(db.jdbc(), dir, Clock.systemUTC(), List.of());
            store.set("pw", "s3cret");
            var resolver = store.keyvaultResolver();
            assertThat(resolver.resolve(SecretSpec.keyvault("a", "https://v.vault.azure.net/secrets/pw"))).isEqualTo("s3cret");
            assertThat(resolver.resolve(SecretSpec.keyvault("a", "https://v.vault.azure.net/secrets/pw/0a1b2c"))).isEqualTo("s3cret");
            assertThat(resolver.resolve(SecretSpec.keyvault("a", "https://vault.internal:8200/v1/secrets/pw/"))).isEqualTo("s3cret");
            assertThatThrownBy(() -> resolver.resolve(SecretSpec.keyvault("b", "https://v.vault.azure.net/secrets/other")))
                    .isInstanceOf(TaskSpecException.class)
                    .hasMessage("failed to resolve secret b: no secret named 'other' in the built-in store");
            assertThatThrownBy(() -> resolver.resolve(SecretSpec.keyvault("c", "https://v.vault.azure.net/keys/pw")))
                    .isInstanceOf(TaskSpecException.class).hasMessageContaining("not a secret URL");
            assertThat(SecretStore.isSecretUrl("plain-password")).isFalse();
            assertThat(SecretStore.isSecretUrl("http://v.vault.azure.net/secrets/pw")).isFalse();
            assertThat(store.list()).extracting(SecretInfo::name).containsExactly("pw");
        }
    }
}
