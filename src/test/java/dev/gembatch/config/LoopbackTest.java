package dev.gembatch.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one loopback rule, shared by the config's check and the transport's. */
class LoopbackTest {
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LocalHost", "127.0.0.1", "127.8.9.10", "127.255.255.255",
        "[::1]", "::1", "[0:0:0:0:0:0:0:1]"})
    void loopbackHostsAre(String host) {
        assertTrue(Loopback.isLoopback(host), host);
    }

    /**
     * Regression (issue 12): the config took any host starting with "127." for loopback, so
     * http://127.example.com passed validation and was then refused on the executor.
     */
    @ParameterizedTest
    @ValueSource(strings = {"127.example.com", "127.0.0.1.nip.io", "127.evil", "127.0.0.256",
        "127.0.0", "localhost.example.com"})
    void hostNameStartingWith127IsNotLoopback(String host) {
        assertFalse(Loopback.isLoopback(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "128.0.0.1", "0.0.0.0", "example.com", "[::2]", "::", ""})
    void otherHostsAreNot(String host) {
        assertFalse(Loopback.isLoopback(host), host);
    }

    @Test
    void noHostIsNotLoopback() {
        assertFalse(Loopback.isLoopback(null));
    }
}
