package dev.gembatch.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The application version, from the Maven-filtered version.properties beside this class. */
final class Version {
    private static final String RESOURCE = "version.properties";

    private Version() {
    }

    /** {@code gembatch/<version>}, the User-Agent of every request. */
    static String userAgent() {
        return "gembatch/" + version();
    }

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        String version = properties.getProperty("version", "");
        if (version.isBlank() || version.startsWith("${")) {
            throw new IllegalStateException(RESOURCE + " was not filtered by Maven: " + version);
        }
        return version;
    }
}
