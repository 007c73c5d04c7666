package dev.gembatch.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A file of Hadoop's local file system, written straight through java.nio. That file system,
 * without its native library, sets the permissions of every file it creates and of its checksum
 * file by starting a {@code chmod} process for each: two processes per journal file (a journal
 * writes several a second per task) and per claim marker. Files elsewhere (HDFS, object stores)
 * are written through Hadoop; callers ask {@link #of} which applies.
 */
public final class LocalDiskFile {
    private static final int BUFFER = 64 * 1024;
    private final java.nio.file.Path path;

    private LocalDiskFile(java.nio.file.Path path) {
        this.path = path;
    }

    /** {@code file} when {@code fs} is Hadoop's local file system; empty otherwise. */
    public static Optional<LocalDiskFile> of(FileSystem fs, Path file) {
        return fs instanceof LocalFileSystem local
                ? Optional.of(new LocalDiskFile(local.pathToFile(file).toPath()))
                : Optional.empty();
    }

    /** Where a Parquet file {@code file} is written: directly when it is on the local disk. */
    static OutputFile parquet(Configuration conf, Path file) throws IOException {
        Optional<LocalDiskFile> local = of(file.getFileSystem(conf), file);
        return local.isPresent() ? local.get().new Parquet() : HadoopOutputFile.fromPath(file, conf);
    }

    /** Makes the file empty, creating it (and its folders) if needed. */
    public void createEmpty() throws IOException {
        open(true).close();
    }

    /** Sets the file's modification time to {@code millis} since the epoch. */
    public void touch(long millis) throws IOException {
        Files.setLastModifiedTime(path, FileTime.fromMillis(millis));
    }

    /**
     * A new file, or ({@code replace}) the file emptied, created if needed; replacing drops the
     * checksum file Hadoop wrote for the file it replaces, which would no longer match.
     */
    private OutputStream open(boolean replace) throws IOException {
        Files.createDirectories(path.getParent());
        OpenOption[] options = {StandardOpenOption.CREATE_NEW};
        if (replace) {
            Files.deleteIfExists(path.resolveSibling("." + path.getFileName() + ".crc"));
            options = new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING};
        }
        return new BufferedOutputStream(Files.newOutputStream(path, options), BUFFER);
    }

    /** The file as Parquet's output. */
    private final class Parquet implements OutputFile {
        @Override
        public PositionOutputStream create(long blockSizeHint) throws IOException {
            return positioned(open(false));
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
            return positioned(open(true));
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }

    private static PositionOutputStream positioned(OutputStream out) {
        return new PositionOutputStream() {
            private long position;

            @Override
            public long getPos() {
                return position;
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                position++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                position += len;
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }
}
