package dev.slipway.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.JWKGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import dev.slipway.server.storage.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.UUID;

/** The token keys, each generated once into the data directory (owner-only JWK files) and reused after restarts. */
final class TokenKeys {
    private TokenKeys() {
    }

    /** The HS256 secret that signs and verifies access tokens. */
    static OctetSequenceKey access(Path file) throws IOException {
        // A 4-character key id: it is repeated in every request's Authorization header.
        if (load(file, new OctetSequenceKeyGenerator(256).keyID(shortId(4))) instanceof OctetSequenceKey k
                && k.size() >= 256) {
            return k;
        }
        throw new IOException("the token key " + file + " is not a 256-bit secret key");
    }

    /** The ES256 pair that signs and verifies refresh tokens. */
    static ECKey refresh(Path file) throws IOException {
        if (load(file, new ECKeyGenerator(Curve.P_256).keyID(shortId(8))) instanceof ECKey k && k.isPrivate()) {
            return k;
        }
        throw new IOException("the token key " + file + " is not an EC private key");
    }

    private static JWK load(Path file, JWKGenerator<? extends JWK> generator) throws IOException {
        if (Files.exists(file)) {
            try {
                return JWK.parse(Files.readString(file));
            } catch (ParseException e) {
                throw new IOException("cannot read the token key " + file + ": " + e.getMessage(), e);
            }
        }
        try {
            JWK k = generator.generate();
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, k.toJSONString().getBytes(StandardCharsets.UTF_8), file.getParent(), true);
            return k;
        } catch (JOSEException e) {
            throw new IOException("cannot generate a token key", e);
        }
    }

    private static String shortId(int length) {
        return UUID.randomUUID().toString().substring(0, length);
    }
}
