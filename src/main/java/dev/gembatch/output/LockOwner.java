package dev.gembatch.output;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * Who holds an output's lock: a unique id, the user, host and process id of the run, when the
 * process and the run started. Stored as a small properties file.
 */
record LockOwner(String id, String user, String host, long pid, Instant processStarted,
                 Instant started) {

    /** This process, starting a run now. */
    static LockOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new LockOwner(UUID.randomUUID().toString(), System.getProperty("user.name"),
                hostName(), self.pid(), self.info().startInstant().orElse(null), Instant.now());
    }

    /**
     * True when the holder is certainly gone: it ran on this host and no process with its id
     * (started when it started) is alive. A holder on another host is never certainly gone.
     */
    boolean certainlyGone() {
        if (!hostName().equals(host)) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Optional<Instant> start = process.get().info().startInstant();
        return processStarted != null && start.isPresent() && !start.get().equals(processStarted);
    }

    /** "pid 1234 of alice on host h, started 2026-12-06T18:00:00Z". */
    String describe() {
        return "pid " + pid + " of " + user + " on host " + host + ", started " + started;
    }

    byte[] bytes() throws IOException {
        Properties p = new Properties();
        p.setProperty("id", id);
        p.setProperty("user", user);
        p.setProperty("host", host);
        p.setProperty("pid", Long.toString(pid));
        if (processStarted != null) {
            p.setProperty("process-started", processStarted.toString());
        }
        p.setProperty("started", started.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.store(out, "gembatch output lock: the run below is writing this output");
        return out.toByteArray();
    }

    /** The owner stored in {@code in}; unreadable fields make it an unknown owner. */
    static LockOwner read(InputStream in) throws IOException {
        Properties p = new Properties();
        p.load(in);
        try {
            String ps = p.getProperty("process-started");
            return new LockOwner(p.getProperty("id", "?"), p.getProperty("user", "?"),
                    p.getProperty("host", "?"), Long.parseLong(p.getProperty("pid", "-1")),
                    ps == null ? null : Instant.parse(ps),
                    Instant.parse(p.getProperty("started", Instant.EPOCH.toString())));
        } catch (RuntimeException e) {
            return new LockOwner("?", "?", "?", -1, null, Instant.EPOCH);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
