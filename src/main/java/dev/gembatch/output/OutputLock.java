package dev.gembatch.output;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * One run at a time per output: {@code <output.path>.gembatch-lock} names the run that writes
 * the output (see {@link LockOwner}). It is taken atomically before anything is sent (a hard link
 * on the local file system, a rename elsewhere: atomic on HDFS, best effort on object stores),
 * its modification time is refreshed every {@link #HEARTBEAT} while the run lasts, and it is
 * removed when the run ends, also on SIGTERM. A lock whose holder ran on this host and is no
 * longer running is taken over with a note; any other held lock refuses the run, naming the
 * holder, and says how to clear it when its heartbeat has stopped.
 */
public final class OutputLock implements AutoCloseable {
    /** Suffix of the lock file beside the output folder. */
    public static final String SUFFIX = ".gembatch-lock";
    static final Duration HEARTBEAT = Duration.ofSeconds(30);
    private static final Duration STALE = HEARTBEAT.multipliedBy(4);
    private static final int SHUTDOWN_PRIORITY = 20;
    private final FileSystem fs;
    private final Path lock;
    private final LockOwner owner;
    private final ScheduledExecutorService heartbeat;
    private final Runnable release = this::release;

    private OutputLock(FileSystem fs, Path lock, LockOwner owner) {
        this.fs = fs;
        this.lock = lock;
        this.owner = owner;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gembatch-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /** The lock file of an output path. */
    public static String pathOf(String outputPath) {
        return OutputTarget.beside(outputPath, SUFFIX);
    }

    /**
     * Takes the lock of {@code outputPath}; throws {@link HeldException} when another run holds
     * it. A note on a lock taken over goes to {@code notes}.
     */
    public static OutputLock take(String outputPath, Configuration conf, PrintStream notes)
            throws IOException, HeldException {
        Path lock = qualified(pathOf(outputPath), conf);
        FileSystem fs = lock.getFileSystem(conf);
        LockOwner me = LockOwner.current();
        for (int attempt = 0; attempt < 3; attempt++) {
            if (create(fs, lock, me)) {
                OutputLock taken = new OutputLock(fs, lock, me);
                taken.start();
                return taken;
            }
            LockOwner held = read(fs, lock);
            if (held != null && held.certainlyGone() && moveAside(fs, lock)) {
                notes.println("gembatch: took over the lock " + shown(lock) + " left by "
                        + held.describe()
                        + ", which is no longer running");
            } else if (held != null) {
                throw new HeldException(refusal(fs, lock, held));
            }
        }
        throw new HeldException("output.path: the lock " + shown(lock) + " keeps changing hands;"
                + " another run is starting on the same output");
    }

    /** Why a run could not take the lock now (another run holds it), or null: for dry runs. */
    public static String holder(String outputPath, Configuration conf) throws IOException {
        Path lock = qualified(pathOf(outputPath), conf);
        FileSystem fs = lock.getFileSystem(conf);
        LockOwner held = read(fs, lock);
        return held == null || held.certainlyGone() ? null : refusal(fs, lock, held);
    }

    private static String refusal(FileSystem fs, Path lock, LockOwner held) throws IOException {
        Duration quiet = quietFor(fs, lock);
        String shown = shown(lock);
        String base = "output.path: in use by another run (" + held.describe() + "; lock " + shown;
        if (quiet != null && quiet.compareTo(STALE) > 0) {
            return base + ", no heartbeat for " + quiet.toMinutes() + " min): if no run is"
                    + " writing this output any more, delete " + shown + " and run again";
        }
        return base + "): wait for it to finish, or choose another output.path";
    }

    private static Duration quietFor(FileSystem fs, Path lock) throws IOException {
        try {
            FileStatus s = fs.getFileStatus(lock);
            return Duration.ofMillis(Math.max(0, System.currentTimeMillis()
                    - s.getModificationTime()));
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    /** Creates the lock with the owner's content in one step; false when it exists. */
    private static boolean create(FileSystem fs, Path lock, LockOwner me) throws IOException {
        Path temp = new Path(lock.getParent(), "." + lock.getName() + "." + UUID.randomUUID());
        fs.mkdirs(lock.getParent());
        try (OutputStream out = fs.create(temp, false)) {
            out.write(me.bytes());
        }
        try {
            if (isLocal(lock)) {
                Files.createLink(Paths.get(lock.toUri()), Paths.get(temp.toUri()));
                return true;
            }
            return fs.rename(temp, lock);
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            fs.delete(temp, false);
        }
    }

    /** Moves a dead holder's lock out of the way; false when another run moved it first. */
    private static boolean moveAside(FileSystem fs, Path lock) throws IOException {
        Path aside = new Path(lock.getParent(), "." + lock.getName() + ".stale-"
                + UUID.randomUUID());
        try {
            if (isLocal(lock)) {
                Files.move(Paths.get(lock.toUri()), Paths.get(aside.toUri()),
                        StandardCopyOption.ATOMIC_MOVE);
            } else if (!fs.rename(lock, aside)) {
                return false;
            }
        } catch (NoSuchFileException e) {
            return false;
        }
        fs.delete(aside, false);
        return true;
    }

    private static Path qualified(String path, Configuration conf) throws IOException {
        Path p = new Path(path);
        return p.getFileSystem(conf).makeQualified(p);
    }

    private static LockOwner read(FileSystem fs, Path lock) throws IOException {
        try (InputStream in = fs.open(lock)) {
            return LockOwner.read(in);
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    /** A local path as the user writes it, any other with its scheme. */
    private static String shown(Path p) {
        return isLocal(p) ? p.toUri().getPath() : p.toString();
    }

    private static boolean isLocal(Path p) {
        return "file".equals(p.toUri().getScheme());
    }

    private void start() {
        long beat = HEARTBEAT.toMillis();
        heartbeat.scheduleAtFixedRate(this::beat, beat, beat, TimeUnit.MILLISECONDS);
        ShutdownHookManager.get().addShutdownHook(release, SHUTDOWN_PRIORITY);
    }

    private void beat() {
        try {
            fs.setTimes(lock, System.currentTimeMillis(), -1);
        } catch (IOException e) {
            // a missed beat only makes the lock look older to a run on another host
        }
    }

    /** Releases the lock (removes the file if it is still this run's). */
    @Override
    public void close() {
        if (!ShutdownHookManager.get().isShutdownInProgress()) {
            ShutdownHookManager.get().removeShutdownHook(release);
        }
        release();
    }

    private synchronized void release() {
        heartbeat.shutdownNow();
        try {
            LockOwner held = read(fs, lock);
            if (held != null && held.id().equals(owner.id())) {
                fs.delete(lock, false);
            }
        } catch (IOException e) {
            // the lock stays: the next run on this host recognises it as left by a dead run
        }
    }

    /** Another run holds the lock. */
    public static final class HeldException extends Exception {
        private static final long serialVersionUID = 1L;

        HeldException(String message) {
            super(message);
        }
    }
}
