package dev.slipway.server.tls;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;

/** Builds the key store Jetty serves TLS from: PEM files read with BouncyCastle, or a generated self-signed pair. */
public final class KeyStores {
    public static final char[] PASSWORD = "slipway".toCharArray();

    private KeyStores() {
    }

    public static KeyStore load(TlsSource source, Path dataDir) throws IOException {
        try {
            return switch (source) {
                case TlsSource.PemFiles p -> fromPem(p.certificate(), p.key());
                case TlsSource.SelfSigned s -> selfSigned(dataDir.resolve("tls"));
            };
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    static KeyStore fromPem(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        List<Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter certs = new JcaX509CertificateConverter();
        try (Reader r = Files.newBufferedReader(certFile, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            Object o;
            while ((o = pem.readObject()) != null) {
                if (o instanceof X509CertificateHolder h) {
                    chain.add(certs.getCertificate(h));
                }
            }
        }
        if (chain.isEmpty()) {
            throw new IOException("no PEM certificate in " + certFile);
        }
        PrivateKey key;
        JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
        try (Reader r = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            Object o = pem.readObject();
            PrivateKeyInfo info = switch (o) {
                case PEMKeyPair kp -> kp.getPrivateKeyInfo();
                case PrivateKeyInfo i -> i;
                case null, default -> throw new IOException("no unencrypted PEM private key in " + keyFile);
            };
            key = toJcaKey(info);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("slipway", key, PASSWORD, chain.toArray(Certificate[]::new));
        return ks;
    }

    /**
     * The JDK's own key classes, so the TLS stack accepts them. SEC1 EC keys keep their curve inside the key
     * rather than in the algorithm identifier, which the JDK refuses; BouncyCastle then re-encodes them as PKCS#8.
     */
    private static PrivateKey toJcaKey(PrivateKeyInfo info) throws IOException, GeneralSecurityException {
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (PEMException e) {
            PrivateKey bc = new JcaPEMKeyConverter().setProvider(new BouncyCastleProvider()).getPrivateKey(info);
            String algorithm = bc.getAlgorithm().equals("ECDSA") ? "EC" : bc.getAlgorithm();
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(bc.getEncoded()));
        }
    }

    /** Reuses tls/self-signed.{crt,key} when present, so clients that trusted it keep doing so across restarts. */
    static KeyStore selfSigned(Path dir) throws IOException, GeneralSecurityException, OperatorCreationException {
        Path cert = dir.resolve("self-signed.crt");
        Path key = dir.resolve("self-signed.key");
        if (!Files.exists(cert) || !Files.exists(key)) {
            Files.createDirectories(dir);
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = gen.generateKeyPair();
            X509Certificate c = certificate(pair);
            writePem(key, new JcaPKCS8Generator(pair.getPrivate(), null), true);
            writePem(cert, c, false);
        }
        return fromPem(cert, key);
    }

    private static X509Certificate certificate(KeyPair pair) throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=slipway self-signed");
        Set<GeneralName> sans = new LinkedHashSet<>();
        sans.add(new GeneralName(GeneralName.dNSName, "localhost"));
        sans.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        sans.add(new GeneralName(GeneralName.iPAddress, "::1"));
        try {
            sans.add(new GeneralName(GeneralName.dNSName, InetAddress.getLocalHost().getHostName()));
        } catch (IOException e) {
            // No resolvable host name: localhost and loopback addresses still work.
        }
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(825))), name, pair.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }

    private static void writePem(Path file, Object object, boolean secret) throws IOException {
        StringBuilder out = new StringBuilder();
        try (var sw = new java.io.StringWriter(); JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(object);
            w.flush();
            out.append(sw);
        }
        dev.slipway.server.storage.AtomicFiles.write(file, out.toString().getBytes(StandardCharsets.US_ASCII), file.getParent(), secret);
    }
}
