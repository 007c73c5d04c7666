package dev.gembatch.reuse;

import dev.gembatch.model.Answer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * One journal file: a small Parquet file of (request_id, status, answer) where answer is the
 * Java-serialized {@link Answer} (the journal only lives between a run and its resume, with the
 * same build), and of (request_id, {@value #SENT}, empty) for requests sent and not answered yet
 * when the file was written (so a retried task knows which of its sends are sent again).
 * Written under a hidden name and renamed when complete, so a reader never sees a half-written
 * file.
 */
final class JournalFile {
    /** The status of an entry that records a send without an answer. */
    static final String SENT = "SENT";
    static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
            "message journal { required binary request_id (STRING);"
                    + " required binary status (STRING); required binary answer; }");
    private static final SimpleGroupFactory GROUPS = new SimpleGroupFactory(SCHEMA);

    private JournalFile() {
    }

    /** Writes the entries to {@code file} atomically (hidden temporary name, then rename). */
    static void write(Configuration conf, Path file, Map<String, Answer> entries,
                      Set<String> sent) throws IOException {
        Path temp = new Path(file.getParent(), "." + file.getName() + ".tmp");
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(temp).withConf(conf)
                .withType(SCHEMA).withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
            for (Map.Entry<String, Answer> e : entries.entrySet()) {
                writer.write(GROUPS.newGroup().append("request_id", e.getKey())
                        .append("status", e.getValue().status().name())
                        .append("answer", Binary.fromConstantByteArray(encode(e.getValue()))));
            }
            for (String id : sent) {
                writer.write(GROUPS.newGroup().append("request_id", id).append("status", SENT)
                        .append("answer", Binary.EMPTY));
            }
        }
        FileSystem fs = file.getFileSystem(conf);
        if (!fs.rename(temp, file)) {
            throw new IOException("cannot rename " + temp + " to " + file);
        }
    }

    /**
     * Adds the answers of every complete journal file directly in {@code dir} (none if absent) to
     * {@code into}, and the ids of its sends without an answer to {@code sent}.
     */
    static void readDir(Configuration conf, Path dir, Map<String, Answer> into, Set<String> sent)
            throws IOException {
        FileSystem fs = dir.getFileSystem(conf);
        if (!fs.exists(dir)) {
            return;
        }
        for (FileStatus f : fs.listStatus(dir, p -> p.getName().endsWith(".parquet")
                && !p.getName().startsWith("."))) {
            read(f.getPath(), conf, into, sent);
        }
    }

    private static void read(Path file, Configuration conf, Map<String, Answer> into,
                             Set<String> sent) throws IOException {
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file)
                .withConf(conf).build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                String id = g.getString("request_id", 0);
                if (SENT.equals(g.getString("status", 0))) {
                    sent.add(id);
                } else {
                    into.put(id, decode(g.getBinary("answer", 0).getBytes()));
                }
            }
        }
    }

    static byte[] encode(Answer answer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(answer);
        }
        return bytes.toByteArray();
    }

    static Answer decode(byte[] bytes) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (Answer) in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException("a journal entry is not an answer of this build", e);
        }
    }
}
