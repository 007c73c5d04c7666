package dev.gembatch.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw HTTP/1.1 server on 127.0.0.1 that answers each request with the next scripted reply
 * (the last one repeats), so tests control every byte, cut and stall. Records every request and
 * the highest number of requests it was serving at once.
 */
final class ScriptedServer implements AutoCloseable {

    /** What the server received. */
    record Request(String method, String target, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One scripted reply; returns false to close the connection afterwards. */
    @FunctionalInterface
    interface Reply {
        boolean write(Request request, Exchange out) throws IOException, InterruptedException;
    }

    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-server");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger current = new AtomicInteger();
    private final AtomicInteger max = new AtomicInteger();
    private final Semaphore hangups = new Semaphore(0);
    private final Semaphore arrivals = new Semaphore(0);
    private volatile Reply last;

    ScriptedServer(Reply... replies) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        script.addAll(List.of(replies));
        threads.execute(this::acceptLoop);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    int maxConcurrent() {
        return max.get();
    }

    /** True once n requests in all have arrived, each given its reply (waits at most 10 s). */
    boolean awaitRequests(int n) throws InterruptedException {
        boolean arrived = arrivals.tryAcquire(n, 10, TimeUnit.SECONDS);
        if (arrived) {
            arrivals.release(n);
        }
        return arrived;
    }

    /**
     * True once clients have hung up on n replies, stalled or still being written (waits at most
     * 10 s).
     */
    boolean awaitHangups(int n) throws InterruptedException {
        return hangups.tryAcquire(n, 10, TimeUnit.SECONDS);
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                sockets.add(s);
                threads.execute(() -> serve(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            boolean open = true;
            while (open) {
                Request r = read(in);
                if (r == null) {
                    return;
                }
                Reply reply = next();
                requests.add(r);
                arrivals.release();
                max.accumulateAndGet(current.incrementAndGet(), Math::max);
                try {
                    open = reply.write(r, new Exchange(s, hangups));
                } catch (IOException hungUp) {
                    // The client went away before the reply was written out (a cancel resets
                    // the connection, so the write fails): a hang-up all the same.
                    hangups.release();
                    return;
                } finally {
                    current.decrementAndGet();
                }
            }
        } catch (IOException | InterruptedException gone) {
            // The client went away (timeout, cancel) or the server is closing.
        }
    }

    private Reply next() {
        Reply r = script.poll();
        if (r != null) {
            last = r;
        }
        return last;
    }

    private static Request read(InputStream in) throws IOException {
        String line = line(in);
        if (line == null || line.isEmpty()) {
            return null;
        }
        String[] parts = line.split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    h.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new Request(parts[0], parts[1], headers, in.readNBytes(length));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return null;
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        synchronized (sockets) {
            for (Socket s : sockets) {
                s.close();
            }
        }
        threads.shutdownNow();
    }

    /** Writing side of one exchange, with the moves a misbehaving server makes. */
    static final class Exchange {
        private final Socket socket;
        private final OutputStream out;
        private final Semaphore hangups;

        Exchange(Socket socket, Semaphore hangups) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.hangups = hangups;
        }

        /**
         * Sends nothing more until the client hangs up or the server closes: a stall without
         * sleeping. A client hang-up is counted (see {@link #awaitHangups}).
         */
        void stall() throws IOException {
            out.flush();
            try {
                socket.getInputStream().read();
            } catch (IOException reset) {
                // A hang-up by TCP reset (or the server closing): counted the same way.
            }
            hangups.release();
        }

        /** Status line and headers of a chunked response. */
        void chunkedHead(int code, String... headers) throws IOException {
            head(code, headers);
            write("Transfer-Encoding: chunked\r\n\r\n");
        }

        void chunk(byte[] b) throws IOException {
            if (b.length > 0) {
                write(Integer.toHexString(b.length) + "\r\n");
                out.write(b);
                write("\r\n");
                out.flush();
            }
        }

        void endChunks() throws IOException {
            write("0\r\n\r\n");
            out.flush();
        }

        /** A complete response with Content-Length. */
        void whole(int code, byte[] body, String... headers) throws IOException {
            head(code, headers);
            write("Content-Length: " + body.length + "\r\n\r\n");
            out.write(body);
            out.flush();
        }

        /** Closes the connection mid-body (what was written still arrives first). */
        void cut() throws IOException {
            out.flush();
            socket.close();
        }

        private void head(int code, String... headers) throws IOException {
            StringBuilder h = new StringBuilder("HTTP/1.1 " + code + " X\r\n");
            for (String header : headers) {
                h.append(header).append("\r\n");
            }
            write(h.toString());
        }

        private void write(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        }
    }
}
