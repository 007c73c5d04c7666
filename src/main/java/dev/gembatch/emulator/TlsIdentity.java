package dev.gembatch.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The key and certificate the emulator serves HTTPS with: a PKCS#12 key store whose password is
 * in {@value #PASSWORD_VARIABLE} ({@code changeit} when unset), never on a command line. The
 * client trusts the certificate the way it would a proxy's: through the JVM's trust store
 * ({@code -Djavax.net.ssl.trustStore}), never by switching verification off.
 */
public final class TlsIdentity {
    /** The environment variable holding the key store's password. */
    public static final String PASSWORD_VARIABLE = "GEMBATCH_EMULATOR_TLS_PASSWORD";
    private static final String DEFAULT_PASSWORD = "changeit";

    private TlsIdentity() {
    }

    /** A server-side TLS context holding the key store's key; a clear error names the file. */
    public static SSLContext fromPkcs12(Path keyStore) {
        String variable = System.getenv(PASSWORD_VARIABLE);
        char[] password = (variable == null ? DEFAULT_PASSWORD : variable).toCharArray();
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return serverContext(store, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("--tls cannot read the PKCS#12 key store "
                    + keyStore + " (password from " + PASSWORD_VARIABLE + "): " + e.getMessage(), e);
        }
    }

    /** A server-side TLS context presenting the key (and certificate) in {@code store}. */
    public static SSLContext serverContext(KeyStore store, char[] password)
            throws GeneralSecurityException {
        KeyManagerFactory keys =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
