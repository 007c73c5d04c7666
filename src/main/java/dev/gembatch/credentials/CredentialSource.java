package dev.gembatch.credentials;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.gembatch.config.VertexSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads the Google credentials a Vertex job signs in with, scoped to cloud-platform: the
 * service-account key file of {@code gemini.vertex.credentials-file} when set, else Application
 * Default Credentials (GOOGLE_APPLICATION_CREDENTIALS, gcloud's user credentials, the metadata
 * server). Failures say where it looked, never what a file holds.
 */
final class CredentialSource {
    static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/cloud-platform");

    private CredentialSource() {
    }

    static GoogleCredentials load(VertexSettings vertex) throws CredentialsUnavailableException {
        GoogleCredentials credentials = vertex.credentialsFile() == null
                ? applicationDefault() : keyFile(Path.of(vertex.credentialsFile()));
        return credentials.createScoped(SCOPES);
    }

    private static GoogleCredentials keyFile(Path file) throws CredentialsUnavailableException {
        String where = "gemini.vertex.credentials-file '" + file + "' (resolved in "
                + Path.of("").toAbsolutePath() + ")";
        try (InputStream in = Files.newInputStream(file)) {
            return ServiceAccountCredentials.fromStream(in);
        } catch (NoSuchFileException e) {
            throw new CredentialsUnavailableException(where + " does not exist on this machine;"
                    + " ship it to every executor (spark-submit --files) or use Application"
                    + " Default Credentials");
        } catch (AccessDeniedException e) {
            throw new CredentialsUnavailableException(where + " is not readable");
        } catch (IOException | RuntimeException e) {
            throw new CredentialsUnavailableException(where + " is not a service-account JSON"
                    + " key file (type, client_email, private_key, token_uri)");
        }
    }

    private static GoogleCredentials applicationDefault() throws CredentialsUnavailableException {
        try {
            return GoogleCredentials.getApplicationDefault();
        } catch (IOException e) {
            throw new CredentialsUnavailableException("no Application Default Credentials on this"
                    + " machine: set GOOGLE_APPLICATION_CREDENTIALS or"
                    + " gemini.vertex.credentials-file to a service-account key file, run on"
                    + " Google Cloud with a service account, or run"
                    + " `gcloud auth application-default login`");
        }
    }
}
