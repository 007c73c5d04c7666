package dev.gembatch.bench.e2e;

import dev.gembatch.transport.LoopbackCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * The test certificate ({@code src/test/resources/dev/gembatch/transport/loopback-tls.p12},
 * SAN 127.0.0.1, password changeit) for an HTTPS emulator, trusted by this JVM the way a user
 * trusts a proxy's certificate: through the {@code javax.net.ssl.trustStore} properties.
 */
final class LoopbackTls {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private LoopbackTls() {
    }

    /** Writes a trust store holding the certificate into {@code dir}, makes it this JVM's, returns the key store. */
    static Path trustItIn(Path dir) throws IOException, GeneralSecurityException, URISyntaxException {
        Path keyStore = Path.of(LoopbackTls.class.getResource(
                "/dev/gembatch/transport/loopback-tls.p12").toURI());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("loopback",
                LoopbackCertificate.keyStore().getCertificate("loopback"));
        Path trustFile = dir.resolve("loopback-trust.p12");
        try (OutputStream out = Files.newOutputStream(trustFile)) {
            trust.store(out, PASSWORD);
        }
        System.setProperty("javax.net.ssl.trustStore", trustFile.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", new String(PASSWORD));
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        return keyStore;
    }
}
