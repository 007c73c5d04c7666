package dev.gembatch.credentials;

import java.io.IOException;

/**
 * Google credentials could not be loaded or could not produce a token. The message names the
 * source (file path, Application Default Credentials, token endpoint) and never holds key
 * material or a token.
 */
public final class CredentialsUnavailableException extends IOException {
    CredentialsUnavailableException(String message) {
        super(message);
    }
}
