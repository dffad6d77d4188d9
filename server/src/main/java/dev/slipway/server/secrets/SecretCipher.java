package dev.slipway.server.secrets;

import dev.slipway.server.storage.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
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

    /** Reads {@code DATA/secrets.key}, creating it (0600) the first time. */
    public static SecretCipher open(Path dataDir) throws IOException {
        Path file = dataDir.resolve(KEY_FILE);
        if (!Files.exists(file)) {
            byte[] key = new byte[KEY_BYTES];
            RANDOM.nextBytes(key);
            AtomicFiles.write(file, key, dataDir, true);
        }
        byte[] key = Files.readAllBytes(file);
        if (key.length != KEY_BYTES) {
            throw new IOException("the secret key " + file + " must hold exactly " + KEY_BYTES + " bytes (it holds "
                    + key.length + "); restore the original file");
        }
        return new SecretCipher(key, file);
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
