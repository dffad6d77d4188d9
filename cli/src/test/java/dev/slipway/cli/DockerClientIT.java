package dev.slipway.cli;

import static dev.slipway.cli.RegistryHttp.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real docker and skopeo against the built jar: build, push, remove, pull and run an image; copy a
 * two-platform index from local storage to the registry and back with {@code skopeo copy --all}, keeping
 * every digest. The shared kit ({@link RealClientsIT}) covers the breadth; this is the short, local proof.
 */
class DockerClientIT {
    private static final String INDEX = "application/vnd.oci.image.index.v1+json";
    private static final String REF_NAME = "org.opencontainers.image.ref.name";
    private static final Pattern PUSH_DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path serverDir;
    private static ServerProcess server;
    private static RegistryHttp http;

    @TempDir
    Path work;
    private final String run = String.format("%08x", ThreadLocalRandom.current().nextInt());
    private final List<String> dockerImages = new ArrayList<>();

    @BeforeAll
    static void startServer() throws IOException {
        server = ServerProcess.start(serverDir, "--auth", "none");
        http = new RegistryHttp(server::baseUri);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void removeDockerImages() throws Exception {
        for (String image : dockerImages) {
            Tools.run(work, Tools.DOCKER, "rmi", "-f", image);
        }
    }

    @Test
    void dockerBuildPushRmiPullRun() throws Exception {
        String text = "hello from slipway, run " + run;
        String image = server.hostPort() + "/its/" + run + "/hello:v1";
        String imageId = dockerBuild(image, text);

        String pushed = Tools.run(work, Tools.DOCKER, "push", image).ok().output();
        Matcher m = PUSH_DIGEST.matcher(pushed);
        assertThat(m.find()).as("digest in docker push output:\n%s", pushed).isTrue();
        String digest = m.group(1);
        HttpResponse<byte[]> head = http.send("HEAD", "/v2/its/" + run + "/hello/manifests/v1", null,
                "Accept", "application/vnd.docker.distribution.manifest.v2+json");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Docker-Content-Digest")).contains(digest);

        Tools.run(work, Tools.DOCKER, "rmi", image).ok();
        assertThat(Tools.run(work, Tools.DOCKER, "image", "inspect", image).exit()).as("image gone after rmi").isNotZero();

        Tools.run(work, Tools.DOCKER, "pull", image).ok();
        assertThat(inspect(image, "{{.Id}}")).as("image ID after pull").isEqualTo(imageId);
        assertThat(inspect(image, "{{join .RepoDigests \" \"}}")).contains("@" + digest);

        Tools.Result ran = Tools.run(work, Tools.DOCKER, "run", "--rm", "--network", "none", image).ok();
        assertThat(ran.lastLine()).as("output of docker run\n%s", ran).isEqualTo(text);
    }

    @Test
    void skopeoCopyAllOfATwoPlatformIndexKeepsEveryDigest() throws Exception {
        String host = hostArch();
        String other = host.equals("amd64") ? "arm64" : "amd64";
        // The host member comes from the docker daemon, the other one is written here; both go into an OCI layout.
        String daemonImage = "slipway-its/" + run + "/member:" + host;
        dockerBuild(daemonImage, "member for " + host);
        Path src = work.resolve("src");
        Tools.run(work, "skopeo", "copy", "docker-daemon:" + daemonImage, "oci:" + src + ":" + host).ok();
        JsonNode hostManifest = JSON.readTree(Files.readString(src.resolve("index.json"))).path("manifests").get(0);
        ObjectNode hostEntry = entry(hostManifest.path("mediaType").asText(), hostManifest.path("digest").asText(),
                hostManifest.path("size").asLong(), host);
        ObjectNode otherEntry = writeSyntheticImage(src, other);
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", INDEX);
        index.putArray("manifests").add(hostEntry).add(otherEntry);
        byte[] indexBytes = JSON.writeValueAsBytes(index);
        String indexDigest = writeBlob(src, indexBytes);
        ObjectNode top = entry(INDEX, indexDigest, indexBytes.length, null);
        top.putObject("annotations").put(REF_NAME, "multi");
        ObjectNode layoutIndex = JSON.createObjectNode().put("schemaVersion", 2);
        layoutIndex.putArray("manifests").add(top);
        Files.write(src.resolve("index.json"), JSON.writeValueAsBytes(layoutIndex));

        String repo = "its/" + run + "/multi";
        Tools.run(work, "skopeo", "copy", "--all", "--preserve-digests", "--dest-tls-verify=false",
                "oci:" + src + ":multi", "docker://" + server.hostPort() + "/" + repo + ":v1").ok();
        HttpResponse<byte[]> got = http.get("/v2/" + repo + "/manifests/v1", "Accept", RegistryHttp.ACCEPT_ALL);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.headers().firstValue("Content-Type")).contains(INDEX);
        assertThat(got.headers().firstValue("Docker-Content-Digest")).contains(indexDigest);
        assertThat(got.body()).as("index bytes kept exactly").isEqualTo(indexBytes);
        for (ObjectNode member : List.of(hostEntry, otherEntry)) {
            HttpResponse<byte[]> child = http.get("/v2/" + repo + "/manifests/" + member.path("digest").asText(),
                    "Accept", RegistryHttp.ACCEPT_ALL);
            assertThat(child.statusCode()).isEqualTo(200);
            assertThat(sha256(child.body())).isEqualTo(member.path("digest").asText());
        }

        Path dst = work.resolve("dst");
        Tools.run(work, "skopeo", "copy", "--all", "--preserve-digests", "--src-tls-verify=false",
                "docker://" + server.hostPort() + "/" + repo + ":v1", "oci:" + dst + ":multi").ok();
        JsonNode dstIndex = JSON.readTree(Files.readString(dst.resolve("index.json")));
        String copied = null;
        for (JsonNode d : dstIndex.path("manifests")) {
            if ("multi".equals(d.path("annotations").path(REF_NAME).asText())) {
                copied = d.path("digest").asText();
            }
        }
        assertThat(copied).as("digest of 'multi' in the copied layout").isEqualTo(indexDigest);
        Map<String, Long> srcBlobs = blobs(src);
        Map<String, Long> dstBlobs = blobs(dst);
        assertThat(srcBlobs.keySet()).as("source layout holds exactly the index, its manifests, configs and layers")
                .isEqualTo(closure(src, indexDigest));
        assertThat(dstBlobs).as("blobs (digest -> size) after the round trip").isEqualTo(srcBlobs);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** FROM scratch + static busybox; CMD prints {@code text}. Returns the image ID. */
    private String dockerBuild(String image, String text) throws Exception {
        Path ctx = Files.createDirectories(work.resolve("ctx-" + Math.abs(image.hashCode())));
        Files.copy(Path.of("/bin/busybox"), ctx.resolve("busybox"));
        Files.writeString(ctx.resolve("hello.txt"), text + "\n");
        Files.writeString(ctx.resolve("Dockerfile"), """
                FROM scratch
                COPY busybox /bin/busybox
                COPY hello.txt /hello.txt
                CMD ["/bin/busybox", "cat", "/hello.txt"]
                """);
        dockerImages.add(image);
        Tools.run(ctx, "env", "DOCKER_BUILDKIT=0", Tools.DOCKER, "build", "--network", "none", "-t", image, ".").ok();
        return inspect(image, "{{.Id}}");
    }

    private String inspect(String image, String format) throws Exception {
        return Tools.run(work, Tools.DOCKER, "image", "inspect", "-f", format, image).ok().lastLine();
    }

    /** A one-layer OCI image for {@code arch} written into the layout; returns its index entry. */
    private ObjectNode writeSyntheticImage(Path layout, String arch) throws Exception {
        Path rootfs = Files.createDirectories(work.resolve("rootfs-" + arch));
        Files.writeString(rootfs.resolve("arch.txt"), "member for " + arch + ", run " + run + "\n");
        Path tar = work.resolve("layer-" + arch + ".tar");
        Tools.run(work, "tar", "--sort=name", "--owner=0", "--group=0", "--numeric-owner", "--mtime=@0",
                "-C", rootfs.toString(), "-cf", tar.toString(), ".").ok();
        byte[] tarBytes = Files.readAllBytes(tar);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tarBytes);
        }
        byte[] layer = gz.toByteArray();
        ObjectNode config = JSON.createObjectNode().put("architecture", arch).put("os", "linux");
        config.putObject("rootfs").put("type", "layers").putArray("diff_ids").add(sha256(tarBytes));
        byte[] configBytes = JSON.writeValueAsBytes(config);
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", RegistryHttp.OCI_MANIFEST);
        manifest.set("config", entry(RegistryHttp.OCI_CONFIG, writeBlob(layout, configBytes), configBytes.length, null));
        manifest.putArray("layers").add(entry("application/vnd.oci.image.layer.v1.tar+gzip", writeBlob(layout, layer), layer.length, null));
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        return entry(RegistryHttp.OCI_MANIFEST, writeBlob(layout, manifestBytes), manifestBytes.length, arch);
    }

    private static ObjectNode entry(String mediaType, String digest, long size, String arch) {
        ObjectNode d = JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest).put("size", size);
        if (arch != null) {
            d.putObject("platform").put("architecture", arch).put("os", "linux");
        }
        return d;
    }

    private static String writeBlob(Path layout, byte[] content) throws IOException {
        String digest = sha256(content);
        Path f = layout.resolve("blobs/sha256").resolve(digest.substring(7));
        Files.createDirectories(f.getParent());
        Files.write(f, content);
        return digest;
    }

    /** digest → size of every blob in an OCI layout, checking that each file hashes to its name. */
    private static Map<String, Long> blobs(Path layout) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(layout.resolve("blobs/sha256"))) {
            for (Path f : files.toList()) {
                byte[] content = Files.readAllBytes(f);
                assertThat(sha256(content)).as("content of %s", f).isEqualTo("sha256:" + f.getFileName());
                out.put("sha256:" + f.getFileName(), (long) content.length);
            }
        }
        return out;
    }

    /** The index digest plus, for each member, its manifest, config and layer digests. */
    private static java.util.Set<String> closure(Path layout, String indexDigest) throws IOException {
        java.util.Set<String> out = new java.util.TreeSet<>(List.of(indexDigest));
        for (JsonNode member : readBlob(layout, indexDigest).path("manifests")) {
            out.add(member.path("digest").asText());
            JsonNode manifest = readBlob(layout, member.path("digest").asText());
            out.add(manifest.path("config").path("digest").asText());
            manifest.path("layers").forEach(l -> out.add(l.path("digest").asText()));
        }
        return out;
    }

    private static JsonNode readBlob(Path layout, String digest) throws IOException {
        return JSON.readTree(layout.resolve("blobs/sha256").resolve(digest.substring(7)).toFile());
    }

    private static String hostArch() {
        String a = System.getProperty("os.arch");
        return a.equals("aarch64") || a.equals("arm64") ? "arm64" : "amd64";
    }
}
