package dev.slipway.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.slipway.oci.Digest;
import dev.slipway.server.meta.Jdbc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Authentication and authorisation: who a caller is (admin user, repository-scoped token, anonymous), what they
 * may do, and the Docker token service. Management of credentials lives in {@link Credentials}.
 */
public final class Auth {
    public static final String ADMIN = "admin";
    static final String ADMIN_ENABLED = "admin_enabled";
    static final String ANONYMOUS_PULL = "anonymous_pull_enabled";

    private final AuthStore store;
    private final TokenService tokens;
    private final Clock clock;
    private final Credentials credentials;
    /** Basic credentials are verified once (bcrypt is slow on purpose) and then trusted briefly. */
    private final Cache<String, Authenticated> basicCache = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(60)).build();
    private final Cache<String, Permissions> permissionCache = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(10)).build();

    private Auth(AuthStore store, TokenService tokens, Clock clock, Path dataDir) {
        this.store = store;
        this.tokens = tokens;
        this.clock = clock;
        this.credentials = new Credentials(store, clock, dataDir.resolve("admin-credentials.json"), this::invalidate);
    }

    public static Auth open(Jdbc jdbc, Path dataDir, Clock clock, Duration accessTtl) throws IOException {
        TokenService tokens = new TokenService(dataDir.resolve("auth"), clock, accessTtl,
                Duration.ofHours(3));
        return new Auth(new AuthStore(jdbc), tokens, clock, dataDir);
    }

    public Credentials credentials() {
        return credentials;
    }

    public boolean anonymousPull() {
        return store.setting(ANONYMOUS_PULL).map(Boolean::parseBoolean).orElse(false);
    }

    /**
     * The username under which a run's token is accepted as a Basic password; the runner's
     * {@code RegistryLogin.TOKEN_USER} sends it.
     */
    public static final String RUN_TOKEN_USER = "slipway-run-token";

    /** Checks a username and password; UNAUTHORIZED (audited) when they do not match an enabled credential. */
    public Authenticated basic(String user, String password) {
        if (RUN_TOKEN_USER.equals(user)) {
            return runToken(password);
        }
        String key = Digest.sha256((user + "\u0000" + password).getBytes(StandardCharsets.UTF_8)).hex();
        Authenticated cached = basicCache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        Authenticated a = credentials.check(user, password).orElseThrow(() -> {
            credentials.audit(user, "login.failed", "user/" + user, "wrong username or password, or disabled credential");
            return new AuthException(AuthException.Kind.UNAUTHORIZED, "invalid username or password");
        });
        basicCache.put(key, a);
        return a;
    }

    /**
     * Checks the Authorization header of a management call: the admin's Basic credentials, whether or not the
     * admin user is enabled for docker. Returns the actor name for the audit log.
     */
    public String management(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new AuthException(AuthException.Kind.UNAUTHORIZED, "the management API needs the admin user's credentials (slipway login)");
        }
        String[] up = Gate.decodeBasic(authorization.substring(6).trim());
        String key = "mgmt\u0000" + Digest.sha256((up[0] + "\u0000" + up[1]).getBytes(StandardCharsets.UTF_8)).hex();
        if (basicCache.getIfPresent(key) == null) {
            Authenticated a = credentials.checkOwner(up[0], up[1]).orElseThrow(() -> {
                credentials.audit(up[0], "login.failed", "api", "wrong admin username or password");
                return new AuthException(AuthException.Kind.UNAUTHORIZED, "invalid admin username or password");
            });
            basicCache.put(key, a);
        }
        return up[0];
    }

    private Authenticated runToken(String token) {
        AccessClaims claims = tokens.verifyOwnAccess(token);
        if (!claims.subject().startsWith("run:")) {
            throw new AuthException(AuthException.Kind.UNAUTHORIZED, "only a run's own token is accepted as a password");
        }
        List<Grant> grants = claims.access().stream().filter(a -> !a.catalog())
                .map(a -> new Grant(a.name(), a.actions())).toList();
        return new Authenticated(new Principal.Run(claims.subject(), new Permissions(grants, false)), "");
    }

    public Permissions permissions(Principal p) {
        return switch (p) {
            case Principal.Run r -> r.permissions();
            case Principal.Admin a -> Permissions.ALL;
            case Principal.Anonymous a -> anonymousPull() ? Permissions.PULL_ALL : Permissions.NONE;
            case Principal.Token t -> permissionCache.get(t.scopeMap(), name -> store.scopeMap(name)
                    .map(m -> new Permissions(m.grants(), true)).orElse(Permissions.NONE));
        };
    }

    /** Permissions of a token subject by name (the admin, or a token that still exists and is enabled). */
    Permissions permissionsOf(String subject) {
        if (subject.equals(ADMIN)) {
            return credentials.settings().adminEnabled() ? Permissions.ALL : Permissions.NONE;
        }
        return store.token(subject).filter(TokenRecord::enabled)
                .map(t -> permissions(new Principal.Token(t.name(), t.scopeMap()))).orElse(Permissions.NONE);
    }

    /** Issues an access token for what was asked, cut down to what the principal may do. */
    public TokenGrant issue(Authenticated who, String service, List<Scope> requested, boolean offline) {
        Permissions perms = permissions(who.principal());
        List<Scope> granted = new ArrayList<>();
        for (Scope s : requested) {
            Scope g = perms.intersect(s);
            if (g != null) {
                granted.add(g);
            }
        }
        String subject = who.principal().name();
        String access = tokens.issueAccess(subject, service, granted);
        String refresh = offline && !(who.principal() instanceof Principal.Anonymous) && !(who.principal() instanceof Principal.Run)
                ? tokens.issueRefresh(subject, service, who.credential()) : null;
        return new TokenGrant(access, refresh, tokens.accessTtl().toSeconds(), clock.instant(), granted);
    }

    /**
     * A run's own registry login: an access token for {@code service} (the registry name the data plane checks,
     * see {@code AccessCheck.service}) with pull+push on the repositories the run builds and pushes and pull on
     * {@code pull}, valid for {@code lifetime}. Its subject {@code run:<id>} is no user, so it grants nothing else.
     */
    public String runToken(String runId, String service, java.util.Set<String> push, java.util.Set<String> pull,
                           Duration lifetime) {
        List<Scope> access = new ArrayList<>();
        push.forEach(r -> access.add(Scope.repository(r, java.util.EnumSet.of(Action.PULL, Action.PUSH))));
        pull.stream().filter(r -> !push.contains(r))
                .forEach(r -> access.add(Scope.repository(r, java.util.EnumSet.of(Action.PULL))));
        return tokens.issueAccess("run:" + runId, service, access, lifetime);
    }

    /** Exchanges a refresh token, provided the credential it came from is still valid. */
    public TokenGrant refresh(String refreshToken, String service, List<Scope> requested) {
        JWTClaimsSet c = tokens.verifyRefresh(refreshToken, service);
        String credential = Objects.toString(c.getClaim("cred"), "");
        Authenticated who = credentials.stillValid(c.getSubject(), credential).orElseThrow(() ->
                new AuthException(AuthException.Kind.UNAUTHORIZED, "the credential behind this refresh token is no longer valid"));
        return issue(who, service, requested, false);
    }

    public AccessClaims bearer(String token, String service) {
        return tokens.verifyAccess(token, service);
    }

    public Optional<Path> bootstrap() throws IOException {
        return credentials.bootstrap();
    }

    private void invalidate() {
        basicCache.invalidateAll();
        permissionCache.invalidateAll();
    }
}
