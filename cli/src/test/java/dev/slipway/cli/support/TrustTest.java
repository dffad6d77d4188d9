package dev.slipway.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.server.tls.KeyStores;
import dev.slipway.server.tls.TlsSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustTest {
    @Test
    void theCaFileAddsToTheJdkCasAndMayHoldSeveralCertificatesAmongOtherBlocks(@TempDir Path dir) throws Exception {
        KeyStores.load(new TlsSource.SelfSigned(), dir.resolve("a"));
        KeyStores.load(new TlsSource.SelfSigned(), dir.resolve("b"));
        String a = Files.readString(dir.resolve("a/tls/self-signed.crt"));
        String b = Files.readString(dir.resolve("b/tls/self-signed.crt"));
        String key = Files.readString(dir.resolve("a/tls/self-signed.key"));
        Path bundle = Files.writeString(dir.resolve("bundle.pem"), "# our CAs\n" + a + key + b);

        List<X509Certificate> certs = Trust.certificates(bundle);
        assertThat(certs).hasSize(2);
        KeyStore store = Trust.store(certs);
        List<String> aliases = Collections.list(store.aliases());
        assertThat(aliases.stream().filter(n -> n.startsWith("jdk-"))).as("the JDK's CAs stay trusted").hasSizeGreaterThan(10);
        assertThat(store.getCertificateAlias(certs.get(0))).startsWith("ca-file-");
        assertThat(store.getCertificateAlias(certs.get(1))).startsWith("ca-file-");
    }
}
