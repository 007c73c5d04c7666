package dev.gembatch.reuse;

import dev.gembatch.store.LocalDiskFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One task attempt's claim on its partition's journal folder, so that two attempts of a
 * partition never answer at the same time. Spark runs two when it resubmits a stage after a
 * fetch failure while a task of the failed stage attempt still runs (a lost executor's shuffle
 * files make that common), and when speculation is on; each attempt would read the journal once
 * and then pay for every row the other had not yet journaled.
 *
 * <p>An attempt lists the live markers {@code .live-<attempt>} in the folder, writes its own, and
 * then waits, before it reads what earlier attempts journaled, until each marker it listed is
 * gone or stale. A marker goes when its attempt has flushed and closed its journal; it is stale
 * once its modification time has not changed for {@link #STALE} (a killed attempt), while a
 * live attempt rewrites its marker every {@link #HEARTBEAT}. Waiting only for markers that were
 * there first means two attempts never wait for each other, and needs no clock agreement
 * between hosts. Hidden names keep markers out of the journal's readers. On the local disk a
 * marker is written through {@link LocalDiskFile} (no {@code chmod} processes, no checksum
 * file) and renewed by setting its modification time.
 */
final class PartitionClaim implements AutoCloseable {
    static final String PREFIX = ".live-";
    static final long HEARTBEAT = TimeUnit.SECONDS.toMillis(2);
    static final long STALE = TimeUnit.SECONDS.toMillis(10);
    private static final long POLL = 200;
    private static final ScheduledExecutorService BEATS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gembatch-journal-claims");
        t.setDaemon(true);
        return t;
    });
    private final FileSystem fs;
    private final Path marker;
    private final Optional<LocalDiskFile> localMarker;
    private final List<Path> earlier;
    private final LongSupplier millis;
    private final Map<Path, Seen> seen = new HashMap<>();
    private ScheduledFuture<?> beat;
    private boolean closed;

    /** When a marker's modification time was last seen to change, by this JVM's clock. */
    private record Seen(long modified, long at) {
    }

    private PartitionClaim(FileSystem fs, Path marker, List<Path> earlier, LongSupplier millis) {
        this.fs = fs;
        this.marker = marker;
        this.localMarker = LocalDiskFile.of(fs, marker);
        this.earlier = earlier;
        this.millis = millis;
    }

    /**
     * Lists the live markers in {@code dir} and writes this attempt's; does not wait (see
     * {@link #awaitTurn}) and does not beat (see {@link #beat}).
     */
    static PartitionClaim register(FileSystem fs, Path dir, String attempt, LongSupplier millis)
            throws IOException {
        fs.mkdirs(dir);
        List<Path> before = markers(fs, dir);
        Path mine = new Path(dir, PREFIX + attempt);
        PartitionClaim claim = new PartitionClaim(fs, mine, before.stream()
                .filter(p -> !p.equals(mine)).collect(Collectors.toList()), millis);
        claim.write();
        return claim;
    }

    /** Keeps the marker fresh from a shared daemon thread until {@link #close()}. */
    synchronized void beat() {
        if (!closed && beat == null) {
            beat = BEATS.scheduleAtFixedRate(this::touch, HEARTBEAT, HEARTBEAT,
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The markers listed at registration that still hold the partition: present, and either
     * first seen now or modified within {@link #STALE}.
     */
    List<Path> holders() throws IOException {
        long now = millis.getAsLong();
        return earlier.stream().filter(p -> holds(p, now)).collect(Collectors.toList());
    }

    /**
     * Blocks until no earlier attempt holds the partition; {@code waiting} runs once, when the
     * first wait begins.
     */
    void awaitTurn(Runnable waiting) throws IOException, InterruptedException {
        boolean told = false;
        while (!holders().isEmpty()) {
            if (!told) {
                told = true;
                waiting.run();
            }
            Thread.sleep(POLL);
        }
    }

    /**
     * Renews the marker's modification time: by setting it on the local disk, by rewriting the
     * marker elsewhere (setting it is not supported by every file system).
     */
    synchronized void touch() {
        if (closed) {
            return;
        }
        try {
            if (localMarker.isPresent()) {
                localMarker.get().touch(millis.getAsLong());
            } else {
                write();
            }
        } catch (IOException e) {
            // a missed beat only makes the marker look stale sooner; the next beat retries
        }
    }

    private void write() throws IOException {
        if (localMarker.isPresent()) {
            localMarker.get().createEmpty();
        } else {
            fs.create(marker, true).close();
        }
    }

    /** Ends the claim: the marker is deleted; call after the journal was flushed. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (beat != null) {
            beat.cancel(false);
        }
        try {
            fs.delete(marker, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the journal claim " + marker, e);
        }
    }

    private boolean holds(Path p, long now) {
        FileStatus status;
        try {
            status = fs.getFileStatus(p);
        } catch (java.io.FileNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal claim " + p, e);
        }
        Seen last = seen.get(p);
        if (last == null || last.modified() != status.getModificationTime()) {
            seen.put(p, new Seen(status.getModificationTime(), now));
            return true;
        }
        return now - last.at() < STALE;
    }

    private static List<Path> markers(FileSystem fs, Path dir) throws IOException {
        return Stream.of(fs.listStatus(dir, p -> p.getName().startsWith(PREFIX)))
                .map(FileStatus::getPath).collect(Collectors.toList());
    }
}
