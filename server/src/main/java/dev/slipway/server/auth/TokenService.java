package dev.slipway.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.slipway.server.storage.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Signs and verifies the registry's JWTs (ES256, key generated once and kept in the data directory, {@code kid}
 * in the header). Verified access tokens are cached until they expire, so a request pays a map lookup, not a
 * signature check.
 */
final class TokenService {
    static final String ISSUER = "slipway";
    private static final Duration SKEW = Duration.ofSeconds(30);

    private final ECKey key;
    private final ECDSASigner signer;
    private final ECDSAVerifier verifier;
    private final Clock clock;
    private final Duration accessTtl;
    private final Duration refreshTtl;
    private final Cache<String, AccessClaims> verified;

    TokenService(Path keyFile, Clock clock, Duration accessTtl, Duration refreshTtl) throws IOException {
        this.key = loadOrCreate(keyFile);
        this.clock = clock;
        this.accessTtl = accessTtl;
        this.refreshTtl = refreshTtl;
        this.verified = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(accessTtl.plus(SKEW)).build();
        try {
            this.signer = new ECDSASigner(key);
            this.verifier = new ECDSAVerifier(key.toECPublicKey());
        } catch (JOSEException e) {
            throw new IOException("unusable token signing key in " + keyFile, e);
        }
    }

    Duration accessTtl() {
        return accessTtl;
    }

    String issueAccess(String subject, String audience, List<Scope> granted) {
        return issueAccess(subject, audience, granted, accessTtl);
    }

    String issueAccess(String subject, String audience, List<Scope> granted, Duration ttl) {
        List<Map<String, Object>> access = new ArrayList<>();
        for (Scope s : granted) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("type", s.type());
            a.put("name", s.name());
            a.put("actions", s.catalog() ? List.of("*") : s.actions().stream().map(Action::scopeName).toList());
            access.add(a);
        }
        // Access tokens travel in every request's header, and Jetty parses header values character by character:
        // they carry only what verification needs (no nbf, jti or kind; "access" marks them), about 40 % shorter.
        Instant now = clock.instant();
        return sign(new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl))).claim("access", access).build());
    }

    String issueRefresh(String subject, String audience, String credential) {
        return sign(claims(subject, audience, refreshTtl).claim("kind", "refresh").claim("cred", credential).build());
    }

    AccessClaims verifyAccess(String token, String audience) {
        AccessClaims cached = verified.getIfPresent(token);
        if (cached != null) {
            // The cache is keyed by token alone: a token verified for one service name is not good for another.
            if (!cached.audience().equals(audience)) {
                throw invalid("token was issued for another registry");
            }
            // A client that keeps sending an expired token is refused from the cache, not by a signature check.
            if (clock.instant().isAfter(cached.expires().plus(SKEW))) {
                throw invalid("token has expired");
            }
            return cached;
        }
        JWTClaimsSet c = verify(token, audience, "access");
        try {
            List<Scope> access = new ArrayList<>();
            for (Object o : c.getListClaim("access")) {
                if (o instanceof Map<?, ?> m) {
                    access.add(scope(String.valueOf(m.get("type")), String.valueOf(m.get("name")), m.get("actions")));
                }
            }
            AccessClaims claims = new AccessClaims(c.getSubject(), audience, access, c.getExpirationTime().toInstant());
            verified.put(token, claims);
            return claims;
        } catch (ParseException | RuntimeException e) {
            throw invalid("malformed access claim");
        }
    }

    /** An access token of this registry whatever service name it was issued for (the signature proves it ours). */
    AccessClaims verifyOwnAccess(String token) {
        String audience;
        try {
            List<String> audiences = SignedJWT.parse(token).getJWTClaimsSet().getAudience();
            audience = audiences == null || audiences.isEmpty() ? "" : audiences.getFirst();
        } catch (ParseException e) {
            throw invalid("token is not a valid JWT");
        }
        return verifyAccess(token, audience);
    }

    /** Returns the subject and credential fingerprint of a valid refresh token. */
    JWTClaimsSet verifyRefresh(String token, String audience) {
        return verify(token, audience, "refresh");
    }

    private JWTClaimsSet verify(String token, String audience, String kind) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader h = jwt.getHeader();
            if (!JWSAlgorithm.ES256.equals(h.getAlgorithm()) || !key.getKeyID().equals(h.getKeyID())) {
                throw invalid("token signature is not valid");
            }
            // The cheap claim checks come first: an expired or foreign token must not cost a signature check
            // (~0.3 ms of CPU), or clients retrying with a stale token would make every request expensive.
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            if (c.getExpirationTime() == null || now.isAfter(c.getExpirationTime().toInstant().plus(SKEW))) {
                throw invalid("token has expired");
            }
            if (c.getNotBeforeTime() != null && now.plus(SKEW).isBefore(c.getNotBeforeTime().toInstant())) {
                throw invalid("token is not valid yet");
            }
            if (!ISSUER.equals(c.getIssuer()) || c.getAudience() == null || !c.getAudience().contains(audience)) {
                throw invalid("token was issued for another registry");
            }
            if (!kind.equals(kindOf(c))) {
                throw invalid("token is not " + (kind.equals("access") ? "an " : "a ") + kind + " token");
            }
            if (!jwt.verify(verifier)) {
                throw invalid("token signature is not valid");
            }
            return c;
        } catch (ParseException | JOSEException | IllegalStateException e) {
            throw invalid("token is not a valid JWT");
        }
    }

    /** Refresh tokens say so; access tokens carry an access claim (older ones also said "kind": "access"). */
    private static String kindOf(JWTClaimsSet c) {
        Object kind = c.getClaim("kind");
        if (kind != null) {
            return String.valueOf(kind);
        }
        return c.getClaim("access") != null ? "access" : "";
    }

    private JWTClaimsSet.Builder claims(String subject, String audience, Duration ttl) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject).audience(audience)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString());
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign token", e);
        }
    }

    private static Scope scope(String type, String name, Object actions) {
        if (type.equals("registry") && name.equals("catalog")) {
            return Scope.catalogScope();
        }
        Set<Action> set = EnumSet.noneOf(Action.class);
        if (actions instanceof List<?> l) {
            l.forEach(a -> set.addAll(Action.fromScope(String.valueOf(a))));
        }
        return Scope.repository(name, set);
    }

    private static ECKey loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            try {
                return ECKey.parse(Files.readString(file));
            } catch (ParseException e) {
                throw new IOException("cannot read the token signing key " + file + ": " + e.getMessage(), e);
            }
        }
        try {
            // A short key id: it is repeated in every token's header (see issueAccess).
            ECKey k = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString().substring(0, 8)).generate();
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, k.toJSONString().getBytes(StandardCharsets.UTF_8), file.getParent(), true);
            return k;
        } catch (JOSEException e) {
            throw new IOException("cannot generate a token signing key", e);
        }
    }

    private static AuthException invalid(String message) {
        return new AuthException(AuthException.Kind.UNAUTHORIZED, message);
    }
}
