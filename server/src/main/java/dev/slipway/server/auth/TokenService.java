package dev.slipway.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs and verifies the registry's JWTs, with keys generated once into the data directory and a {@code kid} in
 * every header.
 *
 * <p>Access tokens are HS256 with only {@code sub}, {@code aud}, {@code exp} and {@code scope} (Docker scopes,
 * space-separated): every request carries one, and Jetty parses header values a character at a time, so size is
 * CPU (~200 bytes instead of ~350 with ES256 and Docker's {@code access} array). Only this registry verifies
 * them, so a shared secret is enough, and signing one costs microseconds instead of ~1.5 ms. Verified access
 * tokens are cached until they expire: a request pays a map lookup, not a signature check. Refresh tokens live for
 * hours in clients' config files; they stay ES256 and are marked {@code kind=refresh}.
 */
final class TokenService {
    static final String ISSUER = "slipway";
    static final String ACCESS_KEY_FILE = "access-token-key.json";
    static final String REFRESH_KEY_FILE = "jwt-signing-key.json";
    private static final Duration SKEW = Duration.ofSeconds(30);

    private final Clock clock;
    private final Duration accessTtl;
    private final Duration refreshTtl;
    private final String accessKid;
    private final JWSSigner accessSigner;
    private final JWSVerifier accessVerifier;
    private final String refreshKid;
    private final JWSSigner refreshSigner;
    private final JWSVerifier refreshVerifier;
    private final Cache<String, AccessClaims> verified;

    /** Reads (or creates) the keys in {@code keyDir}. */
    TokenService(Path keyDir, Clock clock, Duration accessTtl, Duration refreshTtl) throws IOException {
        this.clock = clock;
        this.accessTtl = accessTtl;
        this.refreshTtl = refreshTtl;
        this.verified = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(accessTtl.plus(SKEW)).build();
        OctetSequenceKey access = TokenKeys.access(keyDir.resolve(ACCESS_KEY_FILE));
        ECKey refresh = TokenKeys.refresh(keyDir.resolve(REFRESH_KEY_FILE));
        try {
            this.accessKid = access.getKeyID();
            this.accessSigner = new MACSigner(access);
            this.accessVerifier = new MACVerifier(access);
            this.refreshKid = refresh.getKeyID();
            this.refreshSigner = new ECDSASigner(refresh);
            this.refreshVerifier = new ECDSAVerifier(refresh.toECPublicKey());
        } catch (JOSEException e) {
            throw new IOException("unusable token key in " + keyDir, e);
        }
    }

    Duration accessTtl() {
        return accessTtl;
    }

    String issueAccess(String subject, String audience, List<Scope> granted) {
        return issueAccess(subject, audience, granted, accessTtl);
    }

    String issueAccess(String subject, String audience, List<Scope> granted, Duration ttl) {
        // A scope granted nothing (the intersection came out empty) is left out: it would only lengthen the token.
        String scope = String.join(" ", granted.stream().filter(s -> s.catalog() || !s.actions().isEmpty())
                .map(Scope::render).toList());
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).audience(audience)
                .expirationTime(Date.from(clock.instant().plus(ttl))).claim("scope", scope).build();
        return sign(JWSAlgorithm.HS256, accessKid, accessSigner, claims);
    }

    String issueRefresh(String subject, String audience, String credential) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject).audience(audience)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(refreshTtl)))
                .jwtID(UUID.randomUUID().toString()).claim("kind", "refresh").claim("cred", credential).build();
        return sign(JWSAlgorithm.ES256, refreshKid, refreshSigner, claims);
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
        JWTClaimsSet c = verify(token, audience, false);
        try {
            List<Scope> access = new ArrayList<>();
            String scope = c.getStringClaim("scope");
            for (String s : scope == null || scope.isEmpty() ? new String[0] : scope.split(" ")) {
                Scope parsed = Scope.parse(s);
                if (parsed != null) {
                    access.add(parsed);
                }
            }
            AccessClaims claims = new AccessClaims(c.getSubject(), audience, access, c.getExpirationTime().toInstant());
            verified.put(token, claims);
            return claims;
        } catch (ParseException | RuntimeException e) {
            throw invalid("malformed scope claim");
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
        return verify(token, audience, true);
    }

    private JWTClaimsSet verify(String token, String audience, boolean refresh) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            // The cheap claim checks come first: an expired or foreign token must not cost a signature check,
            // or clients retrying with a stale token would make every request expensive.
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            if (c.getExpirationTime() == null || now.isAfter(c.getExpirationTime().toInstant().plus(SKEW))) {
                throw invalid("token has expired");
            }
            if (c.getNotBeforeTime() != null && now.plus(SKEW).isBefore(c.getNotBeforeTime().toInstant())) {
                throw invalid("token is not valid yet");
            }
            if (c.getAudience() == null || !c.getAudience().contains(audience)) {
                throw invalid("token was issued for another registry");
            }
            if (refresh != "refresh".equals(c.getClaim("kind"))) {
                throw invalid(refresh ? "token is not a refresh token" : "token is not an access token");
            }
            JWSHeader h = jwt.getHeader();
            boolean ours = refresh
                    ? JWSAlgorithm.ES256.equals(h.getAlgorithm()) && refreshKid.equals(h.getKeyID()) && ISSUER.equals(c.getIssuer())
                    : JWSAlgorithm.HS256.equals(h.getAlgorithm()) && accessKid.equals(h.getKeyID());
            if (!ours || !jwt.verify(refresh ? refreshVerifier : accessVerifier)) {
                throw invalid("token signature is not valid");
            }
            return c;
        } catch (ParseException | JOSEException | IllegalStateException e) {
            throw invalid("token is not a valid JWT");
        }
    }

    private static String sign(JWSAlgorithm alg, String kid, JWSSigner signer, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign token", e);
        }
    }

    private static AuthException invalid(String message) {
        return new AuthException(AuthException.Kind.UNAUTHORIZED, message);
    }
}
