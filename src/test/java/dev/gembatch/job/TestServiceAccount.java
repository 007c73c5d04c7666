package dev.gembatch.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;

/**
 * A throw-away Google service account for tests: an RSA key pair generated when the test JVM
 * first needs it (never written anywhere but a test's temporary key file), and the JSON key file
 * Google would hand out for it, with {@code token_uri} pointing at an emulator's loopback token
 * endpoint. Google's auth library signs the JWT with the private key; the emulator verifies it
 * with {@link #publicKey()}.
 */
public final class TestServiceAccount {
    public static final String EMAIL = "gembatch-test@test-project.iam.gserviceaccount.com";
    public static final String PROJECT = "test-project";
    private static final KeyPair KEYS = generate();

    private TestServiceAccount() {
    }

    public static PublicKey publicKey() {
        return KEYS.getPublic();
    }

    /** The PEM body of the private key, for checks that it never shows up anywhere. */
    public static String privateKeyBase64() {
        return Base64.getEncoder().encodeToString(KEYS.getPrivate().getEncoded());
    }

    /** Writes the JSON key file {@code name} in {@code dir}, signing in at {@code tokenUri}. */
    public static Path keyFile(Path dir, String name, String tokenUri) throws IOException {
        String pem = "-----BEGIN PRIVATE KEY-----\\n" + Base64.getMimeEncoder(64, "\n".getBytes(
                StandardCharsets.US_ASCII)).encodeToString(KEYS.getPrivate().getEncoded())
                .replace("\r", "").replace("\n", "\\n") + "\\n-----END PRIVATE KEY-----\\n";
        String json = "{\n"
                + "  \"type\": \"service_account\",\n"
                + "  \"project_id\": \"" + PROJECT + "\",\n"
                + "  \"private_key_id\": \"test-key-1\",\n"
                + "  \"private_key\": \"" + pem + "\",\n"
                + "  \"client_email\": \"" + EMAIL + "\",\n"
                + "  \"client_id\": \"100000000000000000001\",\n"
                + "  \"token_uri\": \"" + tokenUri + "\"\n"
                + "}\n";
        return Files.writeString(dir.resolve(name), json, StandardCharsets.UTF_8);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            return rsa.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no RSA key generator in this JVM", e);
        }
    }
}
