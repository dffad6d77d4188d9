package dev.slipway.cli.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificates the CLI trusts for a registry: the JDK's CAs plus those in a PEM file ({@code login --ca-file},
 * kept with the login, or {@code SLIPWAY_CA_FILE}), e.g. the {@code DATA/tls/self-signed.crt} of
 * {@code serve --tls-self-signed}.
 */
public final class Trust {
    /** Where a registry's extra certificates come from when its login names none. */
    public static final String ENV = "SLIPWAY_CA_FILE";

    private static final Pattern PEM_CERT = Pattern.compile(
            "-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", Pattern.DOTALL);

    private Trust() {
    }

    /** The CA file for a login over https: its own, else {@code SLIPWAY_CA_FILE}'s, else none (null). */
    public static Path caFile(CliConfig.Login login, Env env) {
        if (!login.url().regionMatches(true, 0, "https://", 0, 8)) {
            return null;
        }
        return login.caFile() != null ? Path.of(login.caFile()) : fromEnv(env);
    }

    /** {@code SLIPWAY_CA_FILE} as an absolute path, or null. */
    public static Path fromEnv(Env env) {
        String file = env.vars().get(ENV);
        return file == null || file.isBlank() ? null : Path.of(file).toAbsolutePath().normalize();
    }

    /**
     * A TLS context trusting the JDK's CAs and {@code extra}. A key store holding both (rather
     * than a trust manager wrapping two) keeps the JDK's own path building and host name checks.
     */
    public static SSLContext context(List<X509Certificate> extra) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store(extra));
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (GeneralSecurityException | IOException e) {
            throw CliException.failed("cannot set up TLS with the extra CA certificates: " + e.getMessage());
        }
    }

    /** A trust store of the JDK's CAs and {@code extra}. */
    static KeyStore store(List<X509Certificate> extra) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (X509Certificate c : jdkCas()) {
            store.setCertificateEntry("jdk-" + i++, c);
        }
        for (X509Certificate c : extra) {
            store.setCertificateEntry("ca-file-" + i++, c);
        }
        return store;
    }

    /** The certificates of a PEM file; a one-line error when it is missing, unreadable or holds none. */
    public static List<X509Certificate> certificates(Path pem) {
        String text;
        try {
            text = new String(Files.readAllBytes(pem), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw CliException.failed("the CA file " + pem + " does not exist");
        } catch (AccessDeniedException e) {
            throw CliException.failed("cannot read the CA file " + pem + ": permission denied");
        } catch (IOException e) {
            throw CliException.failed("cannot read the CA file " + pem + ": " + e.getMessage());
        }
        List<X509Certificate> certs = new ArrayList<>();
        Matcher m = PEM_CERT.matcher(text);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (m.find()) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(1));
                certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw CliException.failed("the CA file " + pem + " holds a broken PEM certificate: " + e.getMessage());
        }
        if (certs.isEmpty()) {
            throw CliException.failed("the CA file " + pem + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certs;
    }

    private static X509Certificate[] jdkCas() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }
}
