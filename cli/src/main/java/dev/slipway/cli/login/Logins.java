package dev.slipway.cli.login;

import dev.slipway.cli.support.Api;
import dev.slipway.cli.support.CliConfig;
import dev.slipway.cli.support.CliException;
import dev.slipway.cli.support.DockerConfig;
import dev.slipway.cli.support.Env;
import dev.slipway.cli.support.Trust;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Logging in and out: checks credentials against the registry and keeps the CLI's and docker's configs in step. */
final class Logins {
    private final Env env;
    private final PrintWriter err;

    Logins(Env env, PrintWriter err) {
        this.env = env;
        this.err = err;
    }

    /** What a successful login stored. */
    record Result(CliConfig.Login login, boolean docker) { }

    /** @param caFile {@code --ca-file} (stored with the login), or null for {@code SLIPWAY_CA_FILE} or none */
    Result login(String server, String name, String username, String password, boolean tls, Path caFile) {
        String hostPort = hostPort(server);
        Path ca = caFile != null ? caFile.toAbsolutePath().normalize() : Trust.fromEnv(env);
        if (ca != null) {
            Trust.certificates(ca); // a bad file fails before anything is sent
        }
        String url = baseUrl(server, hostPort, tls);
        boolean https = url.startsWith("https://");
        String label = name == null ? hostPort : name;
        Api api = new Api(url, username, password, label, https ? ca : null);
        Api.Response v2 = api.send("GET", "/v2/", null, Map.of());
        boolean docker;
        if (v2.status() == 200) {
            docker = true;
        } else if (v2.status() == 401 && api.send("GET", "/api/registry", null, Map.of()).status() == 200) {
            // The admin user is switched off for docker, but its credentials still manage the registry.
            docker = false;
        } else if (v2.status() == 401) {
            throw CliException.failed("login to " + hostPort + " failed: wrong username or password, or the token is disabled");
        } else {
            throw CliException.failed("login to " + hostPort + " failed: GET " + url + "/v2/ answered HTTP " + v2.status()
                    + " (is this a registry?)");
        }
        if (caFile != null && !https) {
            err.println("warning: " + hostPort + " answers plain http; --ca-file is not used");
        }
        CliConfig.Login login = new CliConfig.Login(label, url, username, password, https && caFile != null ? ca.toString() : null);
        CliConfig config = CliConfig.load(env.cliConfigFile());
        config.putDefault(login);
        config.save();
        if (docker) {
            DockerConfig dc = DockerConfig.load(env.dockerConfigFile());
            dc.putAuth(hostPort, username, password);
            dc.save();
            dc.helperFor(hostPort).ifPresent(helper -> err.println("warning: " + dc.file() + " names the credential helper '"
                    + helper + "', which docker asks instead of the stored credential"));
        } else {
            err.println("warning: the admin user is disabled for docker; the credentials are stored for slipway commands only");
        }
        if (https && ca != null) {
            // Docker has its own trust per registry; it is the user's to change (as root), so we only say how.
            String dir = "/etc/docker/certs.d/" + hostPort;
            err.println("docker needs the certificate too: sudo mkdir -p " + dir + " && sudo cp " + shellQuoted(ca.toString())
                    + " " + dir + "/ca.crt");
        }
        return new Result(login, docker);
    }

    private static String shellQuoted(String s) {
        return s.matches("[A-Za-z0-9._/+:=@-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    /** Forgets a login (the default one when {@code server} is null) in both configs. */
    CliConfig.Login logout(String server) {
        CliConfig config = CliConfig.load(env.cliConfigFile());
        Optional<CliConfig.Login> login = server == null ? config.defaultLogin() : config.find(server);
        CliConfig.Login l = login.orElseThrow(() -> CliException.failed(server == null ? "not logged in to any registry"
                : "not logged in to " + server));
        config.remove(l.name());
        config.save();
        DockerConfig dc = DockerConfig.load(env.dockerConfigFile());
        if (dc.removeAuth(l.hostPort())) {
            dc.save();
        }
        return l;
    }

    /** {@code host:port} of what the user typed ({@code host}, {@code host:port} or a URL). */
    static String hostPort(String server) {
        String s = server.trim();
        String withScheme = s.contains("://") ? s : "http://" + s;
        URI u;
        try {
            u = URI.create(withScheme);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("invalid registry address '" + server + "': expected HOST[:PORT]");
        }
        if (u.getHost() == null || (u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/"))
                || u.getRawQuery() != null || u.getRawUserInfo() != null) {
            throw CliException.usage("invalid registry address '" + server + "': expected HOST[:PORT]");
        }
        return u.getRawAuthority();
    }

    /**
     * An explicit scheme wins, then --tls. Otherwise: a loopback address is tried with plain http first (as docker
     * assumes it insecure), any other host with https first; the first that answers HTTP is used.
     */
    private static String baseUrl(String server, String hostPort, boolean tls) {
        String s = server.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.startsWith("https://") || tls) {
            return "https://" + hostPort;
        }
        if (s.startsWith("http://")) {
            return "http://" + hostPort;
        }
        if (loopback(hostPort)) {
            return answers("http://" + hostPort) ? "http://" + hostPort : "https://" + hostPort;
        }
        return answers("https://" + hostPort) ? "https://" + hostPort : "http://" + hostPort;
    }

    static boolean loopback(String hostPort) {
        String host = URI.create("http://" + hostPort).getHost().toLowerCase(java.util.Locale.ROOT);
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    /** Whether an HTTP server answers there; for https, a certificate we do not trust still counts as an answer. */
    private static boolean answers(String base) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();
        try {
            http.send(HttpRequest.newBuilder(URI.create(base + "/v2/")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (javax.net.ssl.SSLHandshakeException e) {
            return base.startsWith("https://");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        } finally {
            http.shutdownNow();
        }
    }
}
