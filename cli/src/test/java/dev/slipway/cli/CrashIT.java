package dev.slipway.cli;

import static dev.slipway.cli.RegistryHttp.expect;
import static dev.slipway.cli.RegistryHttp.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * The crash-safety proof: concurrent pushers (monolithic, single-POST and chunked uploads, then a tagged
 * manifest) while the server is killed with SIGKILL three times and restarted on the same data directory.
 * Afterwards everything the registry acknowledged must be intact, and nothing half-written may be visible:
 * not through the API, not in the blob directory, not in the metadata.
 */
class CrashIT {
    private static final int PUSHERS = 8;
    private static final int CYCLES = 3;
    private static final int MIN_BLOB = 1024;
    private static final int MAX_BLOB = 8 * 1024 * 1024;
    private static final Pattern BLOB_PATH = Pattern.compile("sha256/([0-9a-f]{2})/([0-9a-f]{64})");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An image whose manifest PUT answered 201. */
    record Image(String repo, String tag, String digest, byte[] manifest, List<String> blobs, List<Long> sizes, int epoch) {
    }

    /** Thrown inside a pusher when the test asks it to stop while it waits for the server. */
    private static final class Stopped extends RuntimeException {
    }

    @TempDir
    Path work;

    private final Queue<Image> acked = new ConcurrentLinkedQueue<>();
    private final Queue<String> anomalies = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger epoch = new AtomicInteger();
    private final AtomicInteger resumedUploads = new AtomicInteger();
    private final AtomicInteger restartedUploads = new AtomicInteger();
    private final AtomicInteger retriedManifests = new AtomicInteger();
    private RegistryHttp http;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void acknowledgedPushesSurviveSigkillAndNothingHalfWrittenIsVisible() throws Exception {
        long seed = Long.getLong("slipway.crash.seed", System.nanoTime());
        System.out.println("CrashIT seed " + seed + " (rerun with -Dslipway.crash.seed=" + seed + ")");
        Random rnd = new Random(seed);
        try (ServerProcess server = ServerProcess.start(work, "--auth", "none")) {
            http = new RegistryHttp(server::baseUri);
            List<Thread> pushers = new ArrayList<>();
            for (int i = 0; i < PUSHERS; i++) {
                int id = i;
                long pusherSeed = rnd.nextLong();
                pushers.add(Thread.ofPlatform().name("pusher-" + id).start(() -> pusher(id, new Random(pusherSeed))));
            }
            List<Integer> ackedBeforeKill = new ArrayList<>();
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                // Traffic must be flowing in this server generation before the random kill.
                int generation = epoch.get();
                await("images acknowledged by server generation " + generation).atMost(Duration.ofSeconds(60))
                        .failFast(() -> assertThat(anomalies).as("unexpected answers while pushing").isEmpty())
                        .until(() -> acked.stream().filter(i -> i.epoch() == generation).count() >= 2);
                Thread.sleep(1000 + rnd.nextInt(3000));
                ackedBeforeKill.add(acked.size());
                server.kill();
                if (cycle == CYCLES) {
                    stop.set(true);
                    for (Thread t : pushers) {
                        t.join(Duration.ofSeconds(60));
                        assertThat(t.isAlive()).as("%s still running", t.getName()).isFalse();
                    }
                }
                server.restart();
                epoch.incrementAndGet();
            }
            System.out.printf("CrashIT: %d images acknowledged (before each kill: %s), %d uploads resumed after a crash,"
                            + " %d restarted from scratch, %d manifest PUTs retried%n", acked.size(), ackedBeforeKill,
                    resumedUploads.get(), restartedUploads.get(), retriedManifests.get());

            assertThat(anomalies).as("unexpected answers while pushing; server log ends:\n%s", server.logTail(60)).isEmpty();
            Map<Integer, Long> perEpoch = acked.stream().collect(Collectors.groupingBy(Image::epoch, Collectors.counting()));
            assertThat(perEpoch).as("images acknowledged between kills, by server generation")
                    .containsKeys(0, 1, 2);

            verifyAcknowledgedImages();
            verifyListings();
            verifyBlobFiles(server.dataDir());
            try (Stream<Path> temp = Files.list(server.dataDir().resolve("tmp"))) {
                assertThat(temp.toList()).as("temp files left by the kills are swept at startup").isEmpty();
            }
            verifyMetadata(server.dataDir());

            assertThat(server.stop(Duration.ofSeconds(20))).as("exit status after SIGTERM").isZero();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // pushing

    private void pusher(int id, Random rnd) {
        byte[] pool = new byte[MAX_BLOB];
        rnd.nextBytes(pool);
        String repo = "crash/pusher-" + id;
        for (int n = 0; !stop.get(); n++) {
            try {
                pushImage(repo, "t" + n, rnd, pool);
            } catch (Stopped e) {
                return;
            } catch (RuntimeException | IOException e) {
                anomalies.add(Thread.currentThread().getName() + " " + repo + ":t" + n + ": " + e);
                if (anomalies.size() > 20) {
                    return;
                }
            }
        }
    }

    private void pushImage(String repo, String tag, Random rnd, byte[] pool) throws IOException {
        int layers = 1 + rnd.nextInt(3);
        List<String> blobs = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            byte[] blob = randomBlob(rnd, pool);
            switch (rnd.nextInt(3)) {
                case 0 -> retrying(() -> expect(http.pushBlobPostPut(repo, blob), 201));
                case 1 -> retrying(() -> expect(http.pushBlobSinglePost(repo, blob), 201));
                default -> chunkedUpload(repo, blob, rnd);
            }
            blobs.add(sha256(blob));
            sizes.add((long) blob.length);
        }
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"crash\":\"" + repo + ":" + tag
                + "\",\"nonce\":\"" + rnd.nextLong() + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
                .getBytes(StandardCharsets.UTF_8);
        retrying(() -> expect(http.pushBlobPostPut(repo, config), 201));
        byte[] manifest = RegistryHttp.imageManifest(sha256(config), config.length, blobs, sizes);
        List<String> all = new ArrayList<>(blobs);
        all.add(sha256(config));
        List<Long> allSizes = new ArrayList<>(sizes);
        allSizes.add((long) config.length);
        // After a crash the retried PUT must still find every blob the registry acknowledged before it.
        int attempts = retrying(() -> expect(http.putManifest(repo, tag, manifest), 201));
        if (attempts > 1) {
            retriedManifests.incrementAndGet();
        }
        acked.add(new Image(repo, tag, sha256(manifest), manifest, all, allSizes, epoch.get()));
    }

    /** POST, two to four PATCHes with Content-Range, PUT ?digest= (sometimes carrying the last chunk). */
    private void chunkedUpload(String repo, byte[] blob, Random rnd) throws IOException {
        for (int attempt = 1; ; attempt++) {
            if (attempt > 5) {
                throw new IllegalStateException("chunked upload of " + blob.length + " bytes failed 5 times");
            }
            if (attempt > 1) {
                restartedUploads.incrementAndGet();
            }
            try {
                if (tryChunkedUpload(repo, blob, rnd)) {
                    return;
                }
            } catch (IOException e) {
                awaitServer();
            }
        }
    }

    /** True when the blob was stored; false when the session is gone and the upload must start over. */
    private boolean tryChunkedUpload(String repo, byte[] blob, Random rnd) throws IOException {
        HttpResponse<byte[]> post = expect(http.send("POST", "/v2/" + repo + "/blobs/uploads/", null), 202);
        String location = post.headers().firstValue("Location").orElseThrow();
        int chunk = Math.max(1, blob.length / (2 + rnd.nextInt(3)));
        boolean lastInPut = rnd.nextBoolean();
        int end = lastInPut ? blob.length - Math.min(chunk, blob.length - 1) : blob.length;
        int offset = 0;
        while (offset < end) {
            int len = Math.min(chunk, end - offset);
            byte[] part = Arrays.copyOfRange(blob, offset, offset + len);
            try {
                HttpResponse<byte[]> r = expect(http.send("PATCH", location, part, "Content-Type", "application/octet-stream",
                        "Content-Range", offset + "-" + (offset + len - 1)), 202);
                String range = r.headers().firstValue("Range").orElse("");
                if (!range.equals("0-" + (offset + len - 1))) {
                    throw new IllegalStateException("after PATCH of " + offset + "-" + (offset + len - 1) + " Range is '" + range + "'");
                }
                location = r.headers().firstValue("Location").orElse(location);
                offset += len;
            } catch (IOException e) {
                // The server died mid-chunk: ask the restarted server how much of the upload it kept.
                awaitServer();
                HttpResponse<byte[]> status = http.get(location);
                if (status.statusCode() == 404) {
                    return false;
                }
                expect(status, 204);
                String range = status.headers().firstValue("Range").orElseThrow();
                long kept = Long.parseLong(range.replaceFirst("^bytes=", "").split("-")[1]) + 1;
                if (kept < offset || kept > end) {
                    // A killed process loses nothing it wrote: chunks answered with 202 must still be there.
                    throw new IllegalStateException("upload " + location + " has " + kept + " bytes after the restart but "
                            + offset + " were acknowledged and " + end + " sent");
                }
                if (kept == 1) {
                    return false; // "0-0" does not say whether 0 or 1 byte arrived; start over
                }
                resumedUploads.incrementAndGet();
                offset = (int) kept;
            }
        }
        byte[] rest = Arrays.copyOfRange(blob, offset, blob.length);
        String[] headers = rest.length == 0 ? new String[] {"Content-Type", "application/octet-stream"}
                : new String[] {"Content-Type", "application/octet-stream", "Content-Range", offset + "-" + (blob.length - 1)};
        HttpResponse<byte[]> put = http.send("PUT", RegistryHttp.withDigest(location, sha256(blob)), rest, headers);
        expect(put, 201);
        return true;
    }

    @FunctionalInterface
    private interface Call {
        void run() throws IOException;
    }

    /** Runs the call again (from scratch) after a connection failure, once the server is back; returns the attempts. */
    private int retrying(Call call) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                call.run();
                return attempt;
            } catch (IOException e) {
                if (attempt >= 5) {
                    throw e;
                }
                awaitServer();
            }
        }
    }

    /** Waits until {@code /v2/} answers again; throws {@link Stopped} when the test is winding down. */
    private void awaitServer() {
        while (true) {
            if (stop.get()) {
                throw new Stopped();
            }
            try {
                if (http.get("/v2/").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // still down
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stopped();
            }
        }
    }

    /** 1 KiB to 8 MiB, log-uniform; a slice of the pusher's random pool with a unique head. */
    private static byte[] randomBlob(Random rnd, byte[] pool) {
        double logSize = Math.log(MIN_BLOB) + rnd.nextDouble() * (Math.log(MAX_BLOB) - Math.log(MIN_BLOB));
        int size = (int) Math.min(MAX_BLOB, Math.max(MIN_BLOB, Math.round(Math.exp(logSize))));
        int from = rnd.nextInt(pool.length - size + 1);
        byte[] blob = Arrays.copyOfRange(pool, from, from + size);
        for (int i = 0; i < 16; i++) {
            blob[i] = (byte) rnd.nextInt();
        }
        return blob;
    }

    // ---------------------------------------------------------------------------------------------------------
    // verification

    private void verifyAcknowledgedImages() throws IOException {
        for (Image img : acked) {
            String what = img.repo() + ":" + img.tag() + " (acknowledged in server generation " + img.epoch() + ")";
            for (String ref : List.of(img.tag(), img.digest())) {
                HttpResponse<byte[]> r = http.get("/v2/" + img.repo() + "/manifests/" + ref, "Accept", RegistryHttp.ACCEPT_ALL);
                assertThat(r.statusCode()).as("GET manifest %s by %s", what, ref).isEqualTo(200);
                assertThat(r.body()).as("manifest bytes of %s by %s", what, ref).isEqualTo(img.manifest());
                assertThat(sha256(r.body())).as("sha256 of manifest %s", what).isEqualTo(img.digest());
                assertThat(r.headers().firstValue("Docker-Content-Digest")).as("Docker-Content-Digest of %s", what)
                        .contains(img.digest());
            }
            for (int i = 0; i < img.blobs().size(); i++) {
                String digest = img.blobs().get(i);
                HttpResponse<byte[]> r = http.get("/v2/" + img.repo() + "/blobs/" + digest);
                assertThat(r.statusCode()).as("GET blob %s of %s", digest, what).isEqualTo(200);
                assertThat((long) r.body().length).as("size of blob %s of %s", digest, what).isEqualTo(img.sizes().get(i));
                assertThat(sha256(r.body())).as("content of blob %s of %s", digest, what).isEqualTo(digest);
            }
        }
    }

    private void verifyListings() throws IOException {
        Map<String, Set<String>> tagsByRepo = new TreeMap<>();
        acked.forEach(i -> tagsByRepo.computeIfAbsent(i.repo(), k -> new TreeSet<>()).add(i.tag()));
        HttpResponse<byte[]> catalog = http.get("/v2/_catalog");
        assertThat(catalog.statusCode()).as("GET /v2/_catalog").isEqualTo(200);
        List<String> repos = strings(JSON.readTree(catalog.body()).path("repositories"));
        assertThat(repos).as("catalog").containsAll(tagsByRepo.keySet()).isSorted();
        for (var e : tagsByRepo.entrySet()) {
            HttpResponse<byte[]> r = http.get("/v2/" + e.getKey() + "/tags/list");
            assertThat(r.statusCode()).as("GET tags/list of %s", e.getKey()).isEqualTo(200);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.path("name").asText()).isEqualTo(e.getKey());
            assertThat(strings(body.path("tags"))).as("tags of %s", e.getKey()).containsAll(e.getValue()).isSorted();
        }
    }

    /** Every file under DATA/blobs sits at sha256/<2 hex>/<hex> and its content hashes to that name. */
    private static void verifyBlobFiles(Path data) throws IOException {
        Path blobs = data.resolve("blobs");
        List<String> problems = new ArrayList<>();
        int files = 0;
        try (Stream<Path> walk = Files.walk(blobs)) {
            for (Path f : (Iterable<Path>) walk::iterator) {
                if (Files.isDirectory(f)) {
                    continue;
                }
                files++;
                String rel = blobs.relativize(f).toString();
                var m = BLOB_PATH.matcher(rel);
                if (!m.matches() || !m.group(2).startsWith(m.group(1))) {
                    problems.add("stray file " + rel + " (" + Files.size(f) + " bytes)");
                    continue;
                }
                String actual = hashFile(f);
                if (!actual.equals(m.group(2))) {
                    problems.add(rel + " holds content with sha256 " + actual);
                }
            }
        }
        assertThat(problems).as("files under %s (%d files)", blobs, files).isEmpty();
        assertThat(files).as("blob files").isPositive();
    }

    /** Every metadata row names content that exists, has the recorded size and is served intact. */
    private void verifyMetadata(Path data) throws Exception {
        SQLiteConfig ro = new SQLiteConfig();
        ro.setReadOnly(true);
        List<String> problems = new ArrayList<>();
        int blobRows = 0;
        int manifestRows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("slipway.db"), ro.toProperties());
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT repository, digest, size FROM repository_blobs")) {
                while (rs.next()) {
                    blobRows++;
                    checkRow(data, problems, "repository_blobs", rs.getString(1), rs.getString(2), rs.getLong(3), "blobs");
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT repository, digest, size FROM manifests")) {
                while (rs.next()) {
                    manifestRows++;
                    checkRow(data, problems, "manifests", rs.getString(1), rs.getString(2), rs.getLong(3), "manifests");
                }
            }
            orphans(st, problems, "tag without its manifest",
                    "SELECT t.repository || ':' || t.name FROM tags t LEFT JOIN manifests m"
                            + " ON m.repository = t.repository AND m.digest = t.digest WHERE m.digest IS NULL");
            orphans(st, problems, "manifest referencing a blob not linked to its repository",
                    "SELECT r.repository || '@' || r.digest || ' -> ' || r.reference FROM manifest_references r"
                            + " LEFT JOIN repository_blobs b ON b.repository = r.repository AND b.digest = r.reference"
                            + " WHERE r.kind = 'blob' AND b.digest IS NULL");
        }
        assertThat(problems).as("metadata rows (%d repository_blobs, %d manifests)", blobRows, manifestRows).isEmpty();
        assertThat(manifestRows).as("manifest rows").isGreaterThanOrEqualTo(acked.size());
    }

    private void checkRow(Path data, List<String> problems, String table, String repo, String digest, long size, String kind)
            throws IOException {
        String hex = digest.substring("sha256:".length());
        Path file = data.resolve("blobs").resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex);
        if (!Files.isRegularFile(file)) {
            problems.add(table + " row " + repo + " " + digest + ": no file " + file);
            return;
        }
        if (Files.size(file) != size) {
            problems.add(table + " row " + repo + " " + digest + ": size " + size + " but the file has " + Files.size(file));
            return;
        }
        // What the API serves for the row must be the complete content, whether or not the push was acknowledged.
        HttpResponse<byte[]> r = kind.equals("blobs")
                ? http.get("/v2/" + repo + "/blobs/" + digest)
                : http.get("/v2/" + repo + "/manifests/" + digest, "Accept", RegistryHttp.ACCEPT_ALL);
        if (r.statusCode() != 200 || !sha256(r.body()).equals(digest)) {
            problems.add(table + " row " + repo + " " + digest + ": GET answered " + r.statusCode() + " with "
                    + r.body().length + " bytes hashing to " + sha256(r.body()));
        }
    }

    private static void orphans(Statement st, List<String> problems, String what, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                problems.add(what + ": " + rs.getString(1));
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String hashFile(Path f) throws IOException {
        MessageDigest md = RegistryHttp.sha256Digest();
        try (InputStream in = Files.newInputStream(f)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
