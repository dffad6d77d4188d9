package dev.slipway.cli.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The CLI's own config ({@code config.json}, mode 0600): the registries logged in to, by name, and which one is
 * the default. Commands pick one with {@code -r NAME|HOST:PORT}.
 */
public final class CliConfig {
    /**
     * One stored login; the name defaults to {@code host:port}.
     *
     * @param caFile absolute path of a PEM file whose certificates are trusted for this registry, or null
     */
    public record Login(String name, String url, String username, String password, String caFile) {
        /** {@code host:port} as clients (docker) address the registry. */
        public String hostPort() {
            return URI.create(url).getRawAuthority();
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileFormat(String defaultRegistry, Map<String, Entry> registries) { }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(String url, String username, String password, String caFile) { }

    private final Path file;
    private String defaultName;
    private final Map<String, Login> logins = new LinkedHashMap<>();

    private CliConfig(Path file) {
        this.file = file;
    }

    public static CliConfig load(Path file) {
        CliConfig c = new CliConfig(file);
        if (!Files.exists(file)) {
            return c;
        }
        try {
            FileFormat f = Json.MAPPER.readValue(file.toFile(), FileFormat.class);
            if (f.registries() != null) {
                f.registries().forEach((name, e) -> c.logins.put(name,
                        new Login(name, e.url(), e.username(), e.password(), e.caFile())));
            }
            c.defaultName = f.defaultRegistry() != null && c.logins.containsKey(f.defaultRegistry()) ? f.defaultRegistry() : null;
            return c;
        } catch (IOException e) {
            throw CliException.failed("cannot read the CLI config " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    public void save() {
        Map<String, Entry> regs = new LinkedHashMap<>();
        logins.forEach((name, l) -> regs.put(name, new Entry(l.url(), l.username(), l.password(), l.caFile())));
        try {
            PrivateFiles.write(file, Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(new FileFormat(defaultName, regs)));
        } catch (IOException e) {
            throw CliException.failed("cannot write the CLI config " + file + ": " + e.getMessage());
        }
    }

    public Path file() {
        return file;
    }

    public Optional<Login> defaultLogin() {
        return Optional.ofNullable(defaultName).map(logins::get);
    }

    /** By name first, then by {@code host:port} (a scheme in front is ignored). */
    public Optional<Login> find(String nameOrHost) {
        Login byName = logins.get(nameOrHost);
        if (byName != null) {
            return Optional.of(byName);
        }
        String host = stripScheme(nameOrHost).toLowerCase(Locale.ROOT);
        return logins.values().stream().filter(l -> l.hostPort().toLowerCase(Locale.ROOT).equals(host)).findFirst();
    }

    /** Adds or replaces a login (and any other login for the same host) and makes it the default. */
    public void putDefault(Login login) {
        logins.values().removeIf(l -> l.hostPort().equalsIgnoreCase(login.hostPort()));
        logins.put(login.name(), login);
        defaultName = login.name();
    }

    /** Replaces the stored password of a login (after the admin renewed it). */
    public void updatePassword(Login login, String password) {
        logins.put(login.name(), new Login(login.name(), login.url(), login.username(), password, login.caFile()));
    }

    /** Removes a login; when it was the default, the most recent remaining login becomes the default. */
    public Optional<Login> remove(String nameOrHost) {
        Optional<Login> l = find(nameOrHost);
        l.ifPresent(login -> {
            logins.remove(login.name());
            if (login.name().equals(defaultName)) {
                defaultName = logins.isEmpty() ? null : logins.keySet().stream().reduce((a, b) -> b).orElseThrow();
            }
        });
        return l;
    }

    static String stripScheme(String s) {
        String out = s;
        for (String scheme : new String[] {"http://", "https://"}) {
            if (out.regionMatches(true, 0, scheme, 0, scheme.length())) {
                out = out.substring(scheme.length());
            }
        }
        return out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
    }
}
