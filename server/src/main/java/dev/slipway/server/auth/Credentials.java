package dev.slipway.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.oci.Digest;
import dev.slipway.server.storage.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The admin user, registry settings and password checks. Scope maps and tokens are managed through
 * {@link #scopeMaps()} and {@link #tokens()}. Every change is written to the audit log.
 */
public final class Credentials {
    static final List<String> SLOTS = List.of("password1", "password2");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuthStore store;
    private final Clock clock;
    private final Path adminFile;
    private final Runnable onChange;
    private final ScopeMaps scopeMaps;
    private final Tokens tokens;

    Credentials(AuthStore store, Clock clock, Path adminFile, Runnable onChange) {
        this.store = store;
        this.clock = clock;
        this.adminFile = adminFile;
        this.onChange = onChange;
        this.scopeMaps = new ScopeMaps(store, clock, this);
        this.tokens = new Tokens(store, clock, this);
    }

    public ScopeMaps scopeMaps() {
        return scopeMaps;
    }

    public Tokens tokens() {
        return tokens;
    }

    /** The registry-wide switches. */
    public record Settings(boolean adminEnabled, boolean anonymousPullEnabled) { }

    /** The admin user's name and both passwords (ACR names them password and password2). */
    public record AdminCredentials(String username, Map<String, String> passwords) { }

    /** First start: the system scope maps, and an admin user whose passwords go to an owner-only file. */
    Optional<Path> bootstrap() throws IOException {
        Instant now = clock.instant();
        for (ScopeMap m : ScopeMap.systemMaps(now)) {
            if (store.scopeMap(m.name()).isEmpty()) {
                store.putScopeMap(m);
            }
        }
        if (!store.passwords(Auth.ADMIN).isEmpty() && Files.exists(adminFile)) {
            return Optional.empty();
        }
        Map<String, String> plain = new LinkedHashMap<>();
        for (String slot : SLOTS) {
            String pw = Passwords.generate();
            store.putPassword(Auth.ADMIN, new PasswordRecord(slot, Passwords.hash(pw), null, now));
            plain.put(adminName(slot), pw);
        }
        writeAdminFile(plain);
        audit("system", "admin.created", "user/" + Auth.ADMIN, "admin user created with two passwords");
        return Optional.of(adminFile);
    }

    public Path adminFile() {
        return adminFile;
    }

    public AdminCredentials admin() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, String> passwords = JSON.readValue(Files.readAllBytes(adminFile), Map.class);
        return new AdminCredentials(Auth.ADMIN, passwords);
    }

    /** Regenerates one admin password ({@code password} or {@code password2}); the other keeps working. */
    public AdminCredentials renewAdmin(String actor, String passwordName) throws IOException {
        String slot = switch (passwordName) {
            case "password" -> "password1";
            case "password2" -> "password2";
            default -> throw new AuthException(AuthException.Kind.INVALID, "--password-name must be password or password2");
        };
        String pw = Passwords.generate();
        Map<String, String> plain = new LinkedHashMap<>(admin().passwords());
        store.putPassword(Auth.ADMIN, new PasswordRecord(slot, Passwords.hash(pw), null, clock.instant()));
        plain.put(passwordName, pw);
        writeAdminFile(plain);
        changed(actor, "admin.password.renewed", "user/" + Auth.ADMIN, passwordName);
        return admin();
    }

    public Settings settings() {
        return new Settings(store.setting(Auth.ADMIN_ENABLED).map(Boolean::parseBoolean).orElse(true),
                store.setting(Auth.ANONYMOUS_PULL).map(Boolean::parseBoolean).orElse(false));
    }

    public Settings update(String actor, Boolean adminEnabled, Boolean anonymousPull) {
        if (Boolean.FALSE.equals(adminEnabled) && tokens.list().stream().noneMatch(TokenRecord::enabled)) {
            throw new AuthException(AuthException.Kind.CONFLICT,
                    "the admin user can be disabled only once an enabled token exists (create one with 'slipway token create')");
        }
        if (adminEnabled != null) {
            store.setSetting(Auth.ADMIN_ENABLED, adminEnabled.toString());
            changed(actor, "registry.update", "registry", "adminUserEnabled=" + adminEnabled);
        }
        if (anonymousPull != null) {
            store.setSetting(Auth.ANONYMOUS_PULL, anonymousPull.toString());
            changed(actor, "registry.update", "registry", "anonymousPullEnabled=" + anonymousPull);
        }
        return settings();
    }

    /** The principal these credentials belong to, if the password matches an unexpired one of an enabled owner. */
    Optional<Authenticated> check(String user, String password) {
        if (user.equals(Auth.ADMIN)) {
            return settings().adminEnabled() ? match(Auth.ADMIN, password).map(c -> new Authenticated(new Principal.Admin(user), c))
                    : Optional.empty();
        }
        return store.token(user).filter(TokenRecord::enabled)
                .flatMap(t -> match(owner(t.name()), password).map(c -> new Authenticated(new Principal.Token(t.name(), t.scopeMap()), c)));
    }

    /** The admin's password, checked even while the admin user is disabled (for the management API). */
    Optional<Authenticated> checkOwner(String user, String password) {
        return user.equals(Auth.ADMIN) ? match(Auth.ADMIN, password).map(c -> new Authenticated(new Principal.Admin(user), c))
                : Optional.empty();
    }

    /** For refresh tokens: the subject still exists, is enabled, and the password it logged in with still stands. */
    Optional<Authenticated> stillValid(String subject, String credential) {
        Instant now = clock.instant();
        if (subject.equals(Auth.ADMIN)) {
            return settings().adminEnabled() && fingerprints(Auth.ADMIN, now).contains(credential)
                    ? Optional.of(new Authenticated(new Principal.Admin(subject), credential)) : Optional.empty();
        }
        return store.token(subject).filter(TokenRecord::enabled)
                .filter(t -> fingerprints(owner(t.name()), now).contains(credential))
                .map(t -> new Authenticated(new Principal.Token(t.name(), t.scopeMap()), credential));
    }

    private Optional<String> match(String owner, String password) {
        Instant now = clock.instant();
        for (PasswordRecord p : store.passwords(owner)) {
            if (!p.expiredAt(now) && Passwords.matches(password, p.hash())) {
                return Optional.of(fingerprint(owner, p));
            }
        }
        return Optional.empty();
    }

    private List<String> fingerprints(String owner, Instant now) {
        return store.passwords(owner).stream().filter(p -> !p.expiredAt(now)).map(p -> fingerprint(owner, p)).toList();
    }

    private static String fingerprint(String owner, PasswordRecord p) {
        return Digest.sha256((owner + "\u0000" + p.slot() + "\u0000" + p.hash()).getBytes(StandardCharsets.UTF_8)).hex().substring(0, 24);
    }

    static String owner(String tokenName) {
        return "token:" + tokenName;
    }

    public void audit(String actor, String action, String target, String detail) {
        store.audit(new AuditEvent(UUID.randomUUID().toString(), clock.instant(), actor, action, target, detail));
    }

    public List<AuditEvent> auditEvents(Duration within, int limit) {
        return store.auditEvents(clock.instant().minus(within), limit);
    }

    /** Audits a change and drops every cached login and permission, so it applies at once. */
    void changed(String actor, String action, String target, String detail) {
        audit(actor, action, target, detail);
        onChange.run();
    }

    private static String adminName(String slot) {
        return slot.equals("password1") ? "password" : "password2";
    }

    private void writeAdminFile(Map<String, String> passwords) throws IOException {
        Files.createDirectories(adminFile.getParent());
        AtomicFiles.write(adminFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(passwords)
                .getBytes(StandardCharsets.UTF_8), adminFile.getParent(), true);
    }
}
