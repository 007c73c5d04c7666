package dev.gembatch.output;

import dev.gembatch.model.Answer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;
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
 * same build). Written under a hidden name and renamed when complete, so a reader never sees a
 * half-written file.
 */
final class JournalFile {
    static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
            "message journal { required binary request_id (STRING);"
                    + " required binary status (STRING); required binary answer; }");
    private static final SimpleGroupFactory GROUPS = new SimpleGroupFactory(SCHEMA);

    private JournalFile() {
    }

    /** Writes the entries to {@code file} atomically (hidden temporary name, then rename). */
    static void write(Configuration conf, Path file, Map<String, Answer> entries)
            throws IOException {
        Path temp = new Path(file.getParent(), "." + file.getName() + ".tmp");
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(temp).withConf(conf)
                .withType(SCHEMA).withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
            for (Map.Entry<String, Answer> e : entries.entrySet()) {
                writer.write(GROUPS.newGroup().append("request_id", e.getKey())
                        .append("status", e.getValue().status().name())
                        .append("answer", Binary.fromConstantByteArray(encode(e.getValue()))));
            }
        }
        FileSystem fs = file.getFileSystem(conf);
        if (!fs.rename(temp, file)) {
            throw new IOException("cannot rename " + temp + " to " + file);
        }
    }

    /** Adds the entries of every complete journal file directly in {@code dir} (none if absent). */
    static void readDir(Configuration conf, Path dir, Map<String, Answer> into) throws IOException {
        FileSystem fs = dir.getFileSystem(conf);
        if (!fs.exists(dir)) {
            return;
        }
        for (FileStatus f : fs.listStatus(dir, p -> p.getName().endsWith(".parquet")
                && !p.getName().startsWith("."))) {
            read(f.getPath(), conf, into);
        }
    }

    private static void read(Path file, Configuration conf, Map<String, Answer> into)
            throws IOException {
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file)
                .withConf(conf).build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                into.put(g.getString("request_id", 0), decode(g.getBinary("answer", 0).getBytes()));
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
