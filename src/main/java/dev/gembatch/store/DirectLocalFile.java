package dev.gembatch.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A new Parquet file on the local disk, written straight through java.nio. Hadoop's local file
 * system, without its native library, sets the permissions of every file it creates and of its
 * checksum file by starting a {@code chmod} process for each: two processes per journal file,
 * and a journal writes several files a second per task. Other file systems are written through
 * Hadoop as before.
 */
record DirectLocalFile(Path path) implements OutputFile {
    private static final int BUFFER = 64 * 1024;

    /** Where {@code file} is written: directly when it is on the local file system. */
    static OutputFile of(Configuration conf, org.apache.hadoop.fs.Path file) throws IOException {
        FileSystem fs = file.getFileSystem(conf);
        return fs instanceof LocalFileSystem local
                ? new DirectLocalFile(local.pathToFile(file).toPath())
                : HadoopOutputFile.fromPath(file, conf);
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        return open(StandardOpenOption.CREATE_NEW);
    }

    /** Replaces the file, and drops a checksum file Hadoop wrote for the one it replaces. */
    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        Files.deleteIfExists(path.resolveSibling("." + path.getFileName() + ".crc"));
        return open(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    private PositionOutputStream open(OpenOption... options) throws IOException {
        Files.createDirectories(path.getParent());
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(path, options), BUFFER);
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
