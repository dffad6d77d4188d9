package dev.slipway.server.secrets;

import dev.slipway.runner.TaskRendering;
import dev.slipway.runner.spec.SecretSpec;
import dev.slipway.runner.spec.TaskSpecException;
import dev.slipway.server.meta.Jdbc;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in secret store (Slipway's Key Vault): named values encrypted at rest. Key Vault secret URLs
 * ({@code https://<vault>.vault.azure.net/secrets/<name>[/<version>]}, or any {@code https://…/secrets/<name>}) name
 * the secret by their {@code <name>} segment, so ACR task files and credentials keep working.
 */
public final class SecretStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9-_]{1,127}");
    private static final Pattern VAULT_PATH = Pattern.compile("(?:.*/)?secrets/([^/]+)(?:/[^/]*)?/?");

    private final Jdbc jdbc;
    private final SecretCipher cipher;
    private final Clock clock;

    public SecretStore(Jdbc jdbc, SecretCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** @param sealedElsewhere values other tables hold sealed with the same key (secret values of tasks and queued runs) */
    public static SecretStore open(Jdbc jdbc, Path dataDir, Clock clock, List<SealedValue> sealedElsewhere) throws IOException {
        List<SealedValue> sealed = new ArrayList<>(jdbc.query("SELECT name, value_enc FROM secrets ORDER BY name",
                rs -> new SealedValue("secrets", rs.getString(1), rs.getString(2))));
        sealed.addAll(sealedElsewhere);
        return new SecretStore(jdbc, SecretCipher.open(dataDir, sealed), clock);
    }

    public SecretCipher cipher() {
        return cipher;
    }

    /** Creates or replaces a secret. */
    public SecretInfo set(String name, String value) {
        checkName(name);
        if (value == null) {
            throw new SecretException(SecretException.Kind.INVALID, "a secret needs a value");
        }
        Instant now = clock.instant();
        String sealed = cipher.seal(value);
        jdbc.transaction(c -> {
            if (Jdbc.update(c, "UPDATE secrets SET value_enc = ?, updated_time = ? WHERE name = ?", sealed,
                    now.toEpochMilli(), name) == 0) {
                Jdbc.update(c, "INSERT INTO secrets (name, value_enc, created_time, updated_time) VALUES (?, ?, ?, ?)",
                        name, sealed, now.toEpochMilli(), now.toEpochMilli());
            }
            return null;
        });
        return info(name).orElseThrow();
    }

    public List<SecretInfo> list() {
        return jdbc.query("SELECT name, created_time, updated_time FROM secrets ORDER BY name", rs -> new SecretInfo(
                rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3))));
    }

    public void delete(String name) {
        if (jdbc.update("DELETE FROM secrets WHERE name = ?", name) == 0) {
            throw notFound(name);
        }
    }

    /** The secret's value, decrypted; empty when there is no such secret. */
    public Optional<String> value(String name) {
        return jdbc.one("SELECT value_enc FROM secrets WHERE name = ?", rs -> rs.getString(1), name).map(cipher::open);
    }

    /** A secret URL's value; {@code url} must be a secret URL ({@link #isSecretUrl}). */
    public String resolveUrl(String url) {
        String name = nameOf(url).orElseThrow(() -> new SecretException(SecretException.Kind.INVALID,
                "not a secret URL: " + url + " (https://<vault>.vault.azure.net/secrets/<name>)"));
        return value(name).orElseThrow(() -> new SecretException(SecretException.Kind.NOT_FOUND,
                "no secret named '" + name + "' in the built-in store"));
    }

    /** Resolves a task file's {@code secrets: [{id, keyvault}]} from this store. */
    public TaskRendering.SecretResolver keyvaultResolver() {
        return (SecretSpec s) -> {
            String url = s.keyvault().orElseThrow(() -> new TaskSpecException("failed to resolve secret " + s.id()
                    + ": it names no keyvault URL"));
            Optional<String> name = nameOf(url);
            if (name.isEmpty()) {
                throw new TaskSpecException("failed to resolve secret " + s.id() + ": '" + url
                        + "' is not a secret URL (https://<vault>.vault.azure.net/secrets/<name>)");
            }
            return value(name.get()).orElseThrow(() -> new TaskSpecException("failed to resolve secret " + s.id()
                    + ": no secret named '" + name.get() + "' in the built-in store"));
        };
    }

    public static boolean isSecretUrl(String text) {
        return text != null && nameOf(text).isPresent();
    }

    /** {@code https://v.vault.azure.net/secrets/name[/version]} → {@code name}. */
    static Optional<String> nameOf(String url) {
        if (url == null || !url.regionMatches(true, 0, "https://", 0, 8)) {
            return Optional.empty();
        }
        try {
            String path = URI.create(url).getPath();
            Matcher m = path == null ? null : VAULT_PATH.matcher(path);
            return m != null && m.matches() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Optional<SecretInfo> info(String name) {
        return jdbc.one("SELECT name, created_time, updated_time FROM secrets WHERE name = ?", rs -> new SecretInfo(
                rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3))), name);
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new SecretException(SecretException.Kind.INVALID,
                    "a secret name is 1 to 127 letters, digits, '-' or '_', not '" + name + "'");
        }
    }

    private static SecretException notFound(String name) {
        return new SecretException(SecretException.Kind.NOT_FOUND, "secret " + name + " does not exist");
    }
}
