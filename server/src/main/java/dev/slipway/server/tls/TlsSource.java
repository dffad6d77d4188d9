package dev.slipway.server.tls;

import java.nio.file.Path;

/** Where the server's TLS certificate comes from. */
public sealed interface TlsSource {
    /** PEM files: a certificate chain and its private key (PKCS#8, PKCS#1 RSA or SEC1 EC). */
    record PemFiles(Path certificate, Path key) implements TlsSource { }

    /** A certificate generated once for local testing and kept in the data directory. */
    record SelfSigned() implements TlsSource { }
}
