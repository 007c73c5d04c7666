package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gembatch.transport.LoopbackCertificate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An endpoint no request can reach (a closed port, a certificate the JVM does not trust) stops
 * the job with exit code 3 after a few rows, as a bad key does, instead of retrying every row.
 */
class UnreachableEndpointJobTest extends SparkTestBase {
    private static final int ROWS = 40;

    @TempDir
    Path tmp;

    /** Issue 11 item 7b: a refused connection on every row was retried row by row. */
    @Test
    void closedPortAbortsTheRunWithExitCode3AndOneLineSayingWhy() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        JobFixture.Run r = run("http://127.0.0.1:" + closed).expect(3);

        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        Assertions.assertTrue(err.contains("UNREACHABLE") && err.contains("refused")
                && err.contains("gemini.base-url"), err);
        assertFalse(Files.exists(tmp.resolve("out/_SUCCESS")));
    }

    @Test
    void untrustedCertificateAbortsBeforeEveryRowIsAttempted() throws Exception {
        try (UntrustedTls server = new UntrustedTls()) {
            JobFixture.Run r = run("https://127.0.0.1:" + server.port()).expect(3);

            Assertions.assertTrue(r.err().contains("UNREACHABLE")
                    && r.err().contains("SSLHandshakeException"), r.err());
            Assertions.assertTrue(server.handshakes.get() < ROWS,
                    server.handshakes.get() + " attempts for " + ROWS + " rows");
        }
    }

    private JobFixture.Run run(String baseUrl) throws Exception {
        StringBuilder csv = new StringBuilder("id,text\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append(i).append(",row ").append(i).append('\n');
        }
        Path in = Files.writeString(tmp.resolve("in.csv"), csv, StandardCharsets.UTF_8);
        Path job = JobFixture.jobFile(tmp, "job.conf", String.join("\n",
                "input.path = " + JobFixture.q(in),
                "prompt.template = \"Say: {{text}}\"",
                "model.name = \"gemini-2.5-flash\"",
                "output.path = " + JobFixture.q(tmp.resolve("out")),
                "spark.partitions = 1",
                "gemini { base-url = \"" + baseUrl + "\", api-key = \"AIza-unreachable-test\"",
                "  concurrency = 2, adaptive-concurrency = false",
                "  retry { max-attempts = 2, initial-backoff = 1ms, max-backoff = 1ms } }"));
        return JobFixture.main(job.toString());
    }

    /** A TLS port whose certificate (self-signed, from the test resources) no JVM trusts. */
    private static final class UntrustedTls implements AutoCloseable {
        final AtomicInteger handshakes = new AtomicInteger();
        private final SSLServerSocket socket;
        private final Thread acceptor;

        UntrustedTls() throws Exception {
            SSLContext ctx = LoopbackCertificate.serverContext();
            socket = (SSLServerSocket) ctx.getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            acceptor = new Thread(this::accept, "untrusted-tls");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    handshakes.incrementAndGet();
                    s.setSoTimeout(10_000);
                    ((SSLSocket) s).startHandshake();
                } catch (IOException refusedByTheClient) {
                    // the client rejects the certificate: what this server is for
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
