package dev.slipway.server.tasks.context;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A tarball URL context: GET with up to 3 attempts (backoff 250 ms × 2^n, at most 5 s; 5xx and transport errors
 * are retried, 4xx fails at once), then the archive (tar or tar.gz, detected) extracted safely.
 */
final class TarballContext {
    static final int ATTEMPTS = 3;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30)).build();

    private TarballContext() {
    }

    static void fetch(ContextSource.Tarball source, Path workspace, Path scratch, Consumer<String> log) throws IOException {
        if (source.warning() != null) {
            log.accept(source.warning());
        }
        log.accept("Downloading " + source.display());
        Path archive = scratch;
        download(URI.create(source.url()), archive, source.display());
        Files.createDirectories(workspace);
        try (InputStream in = Files.newInputStream(archive)) {
            SafeTar.extract(in, workspace);
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    private static void download(URI uri, Path target, String display) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build();
        String last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (attempt > 0) {
                sleep(backoff(attempt - 1));
            }
            try {
                HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                try (InputStream body = response.body()) {
                    if (status == 200) {
                        Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
                        return;
                    }
                }
                last = "GET " + display + " returned " + status;
                if (status < 500) {
                    throw new IOException(last);
                }
            } catch (IOException e) {
                if (last != null && last.equals(e.getMessage())) {
                    throw e;
                }
                last = "GET " + display + " failed: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("the download of " + display + " was interrupted");
            }
        }
        throw new IOException(last + " (after " + ATTEMPTS + " attempts)");
    }

    /** 250 ms × 2^n, at most 5 s. */
    static Duration backoff(int n) {
        return Duration.ofMillis(Math.min(5_000, 250L << Math.min(n, 10)));
    }

    private static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
