package dev.slipway.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.server.ServerConfig;
import dev.slipway.server.SlipwayServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {
    @TempDir
    Path dir;

    @Test
    void selfSignedServesHttp2AndHttp11AndKeepsItsCertificateAcrossRestarts() throws Exception {
        ServerConfig config = ServerConfig.defaults(dir).withPort(0).withAuth(false).withTls(new TlsSource.SelfSigned());
        String first;
        try (SlipwayServer server = SlipwayServer.start(config)) {
            assertThat(server.baseUri().getScheme()).isEqualTo("https");
            HttpResponse<String> h2 = client(HttpClient.Version.HTTP_2).send(
                    HttpRequest.newBuilder(server.baseUri().resolve("/v2/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(h2.statusCode()).isEqualTo(200);
            assertThat(h2.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(h2.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
            HttpResponse<String> h1 = client(HttpClient.Version.HTTP_1_1).send(
                    HttpRequest.newBuilder(server.baseUri().resolve("/v2/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(h1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            first = Files.readString(dir.resolve("tls/self-signed.crt"));
        }
        try (SlipwayServer again = SlipwayServer.start(config)) {
            assertThat(Files.readString(dir.resolve("tls/self-signed.crt"))).isEqualTo(first);
        }
        X509Certificate cert = (X509Certificate) KeyStores.load(new TlsSource.SelfSigned(), dir).getCertificate("slipway");
        assertThat(cert.getSubjectAlternativeNames().stream().map(l -> String.valueOf(l.get(1))).toList()).contains("localhost", "127.0.0.1");
        assertThat(Files.getPosixFilePermissions(dir.resolve("tls/self-signed.key")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    @Test
    void readsPemKeysInPkcs8Pkcs1AndSec1Forms() throws Exception {
        Path self = dir.resolve("gen");
        KeyStores.load(new TlsSource.SelfSigned(), self);
        Path cert = self.resolve("tls/self-signed.crt");
        Path pkcs8 = self.resolve("tls/self-signed.key");
        KeyStore ks = KeyStores.load(new TlsSource.PemFiles(cert, pkcs8), dir);
        assertThat(ks.getKey("slipway", KeyStores.PASSWORD).getAlgorithm()).isEqualTo("EC");

        // An openssl-style SEC1 EC key ("BEGIN EC PRIVATE KEY") of a well-known test vector is not needed:
        // converting our PKCS#8 key to SEC1 with BouncyCastle gives the same shape openssl writes.
        Path sec1 = dir.resolve("sec1.key");
        try (var r = Files.newBufferedReader(pkcs8); var pem = new org.bouncycastle.openssl.PEMParser(r);
             var w = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(Files.newBufferedWriter(sec1))) {
            var info = (org.bouncycastle.asn1.pkcs.PrivateKeyInfo) pem.readObject();
            var key = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter()
                    .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).getPrivateKey(info);
            w.writeObject(key);
        }
        assertThat(Files.readString(sec1)).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(KeyStores.load(new TlsSource.PemFiles(cert, sec1), dir).getKey("slipway", KeyStores.PASSWORD)).isNotNull();
    }

    @Test
    void missingOrEmptyPemFilesFailWithAClearMessage() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> KeyStores.load(new TlsSource.PemFiles(empty, empty), dir))
                .hasMessageContaining("no PEM certificate in");
    }

    @Test
    void aServerThatCannotStartLeavesNoThreadsOrOpenStoresBehind() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        ServerConfig config = ServerConfig.defaults(dir).withPort(0).withTls(new TlsSource.PemFiles(empty, empty));
        long before = timerThreads();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> SlipwayServer.start(config)).hasMessageContaining("no PEM certificate in");
        }
        assertThat(timerThreads()).as("the upload-purge and run timers of the failed starts").isEqualTo(before);
        // The database was closed too: the same data directory starts cleanly.
        try (SlipwayServer server = SlipwayServer.start(config.withTls(null))) {
            assertThat(server.port()).isPositive();
        }
    }

    private static long timerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().equals("slipway-upload-purge") || t.getName().equals("slipway-runs-timer")).count();
    }

    private static HttpClient client(HttpClient.Version version) throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        return HttpClient.newBuilder().version(version).sslContext(ssl).build();
    }

}
