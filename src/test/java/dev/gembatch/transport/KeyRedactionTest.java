package dev.gembatch.transport;

import static dev.gembatch.transport.TestSettings.KEY;
import static dev.gembatch.transport.TransportFixture.call;
import static dev.gembatch.transport.Replies.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.model.Answer;
import dev.gembatch.model.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API key appears in no error field, event, exception message or console line. Each scenario
 * closes its server and client itself, while the console is still captured.
 */
class KeyRedactionTest {
    @RegisterExtension
    final TransportFixture net = new TransportFixture();
    private final List<String> produced = new ArrayList<>();

    @Test
    void keyEchoedByTheServerIsRedactedEverywhere() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream tee = new PrintStream(console, true, StandardCharsets.UTF_8);
        System.setOut(tee);
        System.setErr(tee);
        try {
            echoedInErrorBody();
            echoedInsideTheStream();
            connectionRefusedWithTheKeyInTheQuery();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        produced.add(console.toString(StandardCharsets.UTF_8));
        produced.add(net.events.toString());
        for (String text : produced) {
            assertFalse(text.contains(KEY), text);
        }
    }

    private void echoedInErrorBody() throws Exception {
        String body = "{\"error\": {\"code\": 400, \"message\": \"API key not valid: " + KEY
                + "\", \"status\": \"INVALID_ARGUMENT\"}}";
        try (ScriptedServer server = net.serve(Replies.status(400, utf8(body)));
             GeminiClient client = net.client()) {
            Answer a = call(client);
            assertEquals("API key not valid: ***", a.error().message());
            produced.add(a.toString());
        }
    }

    private void echoedInsideTheStream() throws Exception {
        String sse = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"" + KEY
                + "\"}]}}]}\r\n\r\ndata: {\"error\": {\"code\": 403, \"message\": \"key " + KEY
                + " revoked\", \"status\": \"PERMISSION_DENIED\"}}\r\n\r\n";
        try (ScriptedServer server = net.serve(Replies.stream(utf8(sse)));
             GeminiClient client = net.client()) {
            Answer a = call(client);
            assertEquals(Status.FAILED, a.status());
            assertEquals("key *** revoked", a.error().message());
            produced.add(a.error().toString());
        }
    }

    private void connectionRefusedWithTheKeyInTheQuery() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        GeminiSettings query = TestSettings.withAuth(
                TestSettings.settings("http://127.0.0.1:" + port), GeminiSettings.AuthMode.QUERY);
        try (GeminiClient client = net.client(query)) {
            Answer a = call(client);
            assertEquals("UNREACHABLE", a.error().status());
            assertTrue(a.error().retryable());
            produced.add(a.toString());
        }
    }
}
