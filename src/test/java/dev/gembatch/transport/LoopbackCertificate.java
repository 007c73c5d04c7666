package dev.gembatch.transport;

import dev.gembatch.emulator.TlsIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The self-signed test certificate {@code loopback-tls.p12} (SAN 127.0.0.1, password changeit):
 * a server's TLS context holding its key, and a client's that trusts it and nothing else.
 */
public final class LoopbackCertificate {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private LoopbackCertificate() {
    }

    /** The key store itself (its key entry is named {@code loopback}). */
    public static KeyStore keyStore() throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = LoopbackCertificate.class.getResourceAsStream("loopback-tls.p12")) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    /** A server's TLS context presenting the certificate. */
    public static SSLContext serverContext() throws IOException, GeneralSecurityException {
        return TlsIdentity.serverContext(keyStore(), PASSWORD);
    }

    /** A client's TLS context that trusts the certificate and nothing else. */
    static SSLContext trustingContext() throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("loopback", keyStore().getCertificate("loopback"));
        TrustManagerFactory tmf =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
