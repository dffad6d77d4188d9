package dev.slipway.server.secrets;

import dev.slipway.server.meta.Database;
import dev.slipway.server.storage.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secret values at rest: a random 96-bit nonce per value, sealed text = base64(nonce || ciphertext
 * with its 128-bit tag). The key is generated once into {@code DATA/secrets.key} (owner-only) and never logged.
 */
public final class SecretCipher {
    public static final String KEY_FILE = "secrets.key";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final Path keyFile;

    private SecretCipher(byte[] key, Path keyFile) {
        this.key = new SecretKeySpec(key, "AES");
        this.keyFile = keyFile;
    }

    /**
     * Reads {@code DATA/secrets.key}, creating it (0600) only while nothing is sealed yet: a key made anew after the
     * old one was lost would not decrypt {@code stored}, and every run reading them would fail. A key that decrypts
     * none of them is refused too.
     *
     * @param stored the values sealed so far (secrets, the secret values of tasks and of queued runs)
     */
    public static SecretCipher open(Path dataDir, List<SealedValue> stored) throws IOException {
        Path file = dataDir.resolve(KEY_FILE);
        if (!Files.exists(file)) {
            if (!stored.isEmpty()) {
                throw new IOException("the secret key " + file + " is missing, but the database holds values encrypted with it ("
                        + holders(stored) + "): restore the file from a backup of the data directory. If it is lost for"
                        + " good, so are those values: delete them with sqlite3 " + dataDir.resolve(Database.SQLITE_FILE)
                        + " \"" + deletes(stored) + "\" and start again (a new key is made)");
            }
            byte[] key = new byte[KEY_BYTES];
            RANDOM.nextBytes(key);
            AtomicFiles.write(file, key, dataDir, true);
        }
        byte[] key;
        try {
            key = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException("cannot read the secret key " + file + ": " + e, e);
        }
        if (key.length != KEY_BYTES) {
            throw new IOException("the secret key " + file + " must hold exactly " + KEY_BYTES + " bytes (it holds "
                    + key.length + "); restore the original file");
        }
        SecretCipher cipher = new SecretCipher(key, file);
        // One altered value does not make the key wrong; a key that opens none of them is not the one they were sealed with.
        if (!stored.isEmpty() && stored.stream().noneMatch(v -> cipher.opens(v.value()))) {
            throw new IOException("the secret key " + file + " decrypts none of the values encrypted in the database ("
                    + holders(stored) + "): it is not the key they were stored with; restore the original file");
        }
        return cipher;
    }

    private boolean opens(String sealed) {
        try {
            open(sealed);
            return true;
        } catch (SecretException e) {
            return false;
        }
    }

    /** {@code secrets: a, b; tasks: ci}, the names in each table once. */
    private static String holders(List<SealedValue> stored) {
        return byTable(stored).entrySet().stream().map(e -> e.getKey() + ": " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("; "));
    }

    /** The SQL that removes every row holding a sealed value (keys are letters, digits, '-' and '_'). */
    private static String deletes(List<SealedValue> stored) {
        Map<String, String> columns = new LinkedHashMap<>();
        stored.forEach(v -> columns.putIfAbsent(v.table(), v.column()));
        return byTable(stored).entrySet().stream().map(e -> "DELETE FROM " + e.getKey() + " WHERE "
                + columns.get(e.getKey()) + " IN ("
                + e.getValue().stream().map(n -> "'" + n.replace("'", "''") + "'").collect(Collectors.joining(",")) + ");")
                .collect(Collectors.joining(" "));
    }

    private static Map<String, Set<String>> byTable(List<SealedValue> stored) {
        Map<String, Set<String>> names = new LinkedHashMap<>();
        stored.forEach(v -> names.computeIfAbsent(v.table(), t -> new LinkedHashSet<>()).add(v.name()));
        return names;
    }

    public String seal(String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a secret value", e);
        }
    }

    /** @throws SecretException when the value was sealed with another key or was altered */
    public String open(String sealed) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw corrupt();
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw corrupt();
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return new String(c.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw corrupt();
        }
    }

    private SecretException corrupt() {
        return new SecretException(SecretException.Kind.KEY_MISMATCH, "cannot decrypt a stored secret with " + keyFile
                + ": the key file is not the one the secret was stored with (or the stored value was altered)");
    }
}
