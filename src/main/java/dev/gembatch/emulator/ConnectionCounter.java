package dev.gembatch.emulator;

import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.reactor.IOSessionListener;

/** Counts the connections clients open to the emulator (HTTP/1.1 and h2 alike). */
final class ConnectionCounter implements IOSessionListener {
    private final StatsRecorder stats;

    ConnectionCounter(StatsRecorder stats) {
        this.stats = stats;
    }

    @Override
    public void connected(IOSession session) {
        stats.connection();
    }

    @Override
    public void startTls(IOSession session) {
        // counted once, at connect
    }

    @Override
    public void inputReady(IOSession session) {
        // not counted
    }

    @Override
    public void outputReady(IOSession session) {
        // not counted
    }

    @Override
    public void timeout(IOSession session) {
        // not counted
    }

    @Override
    public void exception(IOSession session, Exception cause) {
        // not counted
    }

    @Override
    public void disconnected(IOSession session) {
        // not counted
    }
}
