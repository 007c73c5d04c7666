package dev.gembatch.store;

import dev.gembatch.model.Answer;
import dev.gembatch.output.ResultSchema;
import dev.gembatch.output.ResultValues;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.types.StructType;

/**
 * The typed answer record, the one row format of an answer at rest: request_id and every result
 * column as the output has it ({@link #TYPE}). The store's segments are these columns plus the
 * store's own (see {@code StoreRows}); the journal ({@code dev.gembatch.reuse}) writes and reads
 * them here, one small Parquet file at a time, without a Spark session. A journal record is an
 * answer, or a request sent and not answered yet ({@link #SENT} in {@code status}, the rest
 * null). Each file names its record format version in its footer ({@value #VERSION_KEY}); a
 * file without it was written before records were typed (Java-serialized answers).
 */
public final class AnswerRecords {
    /** The record format version this build writes and the newest it reads. */
    public static final int VERSION = 1;
    /** The status of a record of a request sent without an answer yet. */
    public static final String SENT = "SENT";
    /** The footer key holding the record format version. */
    static final String VERSION_KEY = "gembatch.answer-record.version";
    /** request_id, then the result columns (docs/OUTPUT.md), all nullable. */
    public static final StructType TYPE = ResultSchema.appendTo(new StructType(), "");
    private static final RecordValues VALUES = RecordValues.of(TYPE);
    private static final MessageType MESSAGE = VALUES.message("answer_record");
    private static final SimpleGroupFactory GROUPS = new SimpleGroupFactory(MESSAGE);
    private static final int STATUS = TYPE.fieldIndex("status");
    /** The page size of a file: a flush of 50 answers of 1 KB fits one page per column. */
    private static final int PAGE_BYTES = 64 * 1024;

    private AnswerRecords() {
    }

    /** What reading a file delivers, record by record. */
    public interface Sink {
        /** A finished answer. */
        void answer(String requestId, Answer answer);

        /** A request that was sent and not answered when the file was written. */
        void sent(String requestId);
    }

    /** Writes one file of records; {@link #close} completes it. */
    public static final class Writer implements AutoCloseable {
        private final ParquetWriter<Group> out;

        private Writer(ParquetWriter<Group> out) {
            this.out = out;
        }

        /** One finished answer. */
        public void answer(String requestId, Answer answer) throws IOException {
            record(ResultValues.of(requestId, answer));
        }

        /** One request sent without an answer yet. */
        public void sent(String requestId) throws IOException {
            Object[] values = new Object[TYPE.length()];
            values[0] = requestId;
            values[STATUS] = SENT;
            record(values);
        }

        private void record(Object[] values) throws IOException {
            Group g = GROUPS.newGroup();
            VALUES.write(g, values);
            out.write(g);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** A writer of a new file {@code file} (replaced if it exists). */
    public static Writer create(Configuration conf, Path file) throws IOException {
        return new Writer(ExampleParquetWriter.builder(LocalDiskFile.parquet(conf, file))
                .withConf(conf).withType(MESSAGE)
                .withExtraMetaData(Map.of(VERSION_KEY, Integer.toString(VERSION)))
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                // most columns of a small file are unique values (ids, texts): a dictionary
                // would be built for every page and then given up (docs/BENCHMARKS.md, 17)
                .withDictionaryEncoding(false)
                // the compressor's buffer is one page: Parquet's 1 MB default, allocated for
                // every file, is twenty times a flush's answers
                .withPageSize(PAGE_BYTES)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build());
    }

    /**
     * The record format version of {@code file}: 0 when its footer names none (written before
     * records were typed).
     */
    public static int version(Configuration conf, Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(
                HadoopInputFile.fromPath(file, conf))) {
            String v = reader.getFooter().getFileMetaData().getKeyValueMetaData().get(VERSION_KEY);
            return v == null ? 0 : Integer.parseInt(v);
        }
    }

    /**
     * Delivers every record of {@code file} to {@code sink}; refuses a file of no or a newer
     * record format version with a message naming it.
     */
    public static void read(Configuration conf, Path file, Sink sink) throws IOException {
        int version = version(conf, file);
        if (version < 1 || version > VERSION) {
            throw new IOException(file + " holds answer records of format version " + version
                    + "; this build reads versions 1 to " + VERSION);
        }
        try (ParquetReader<Group> reader = reader(conf, file)) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                Object[] values = VALUES.read(g);
                if (SENT.equals(values[STATUS])) {
                    sink.sent((String) values[0]);
                } else {
                    sink.answer((String) values[0], ResultValues.answerOf(values));
                }
            }
        }
    }

    /**
     * Copies the records of {@code files} (each of a readable version) into the new file
     * {@code target}, in order, decoding no answer, except the records of sends that
     * {@code keepSent} refuses (by request_id); returns the number of records written. A record
     * of this build's type is copied as it was read.
     */
    public static long merge(Configuration conf, List<Path> files, Path target,
                             Predicate<String> keepSent) throws IOException {
        long records = 0;
        try (Writer out = create(conf, target)) {
            for (Path file : files) {
                try (ParquetReader<Group> reader = reader(conf, file)) {
                    Group g = reader.read();
                    // a file's records are all of its type: compared with this build's once
                    boolean asRead = g != null && g.getType().equals(MESSAGE);
                    for (; g != null; g = reader.read()) {
                        if (copy(g, asRead, out, keepSent)) {
                            records++;
                        }
                    }
                }
            }
        }
        return records;
    }

    /**
     * Writes {@code g} to {@code out} unless it records a send {@code keepSent} refuses: as it
     * was read when {@code asRead} (it is of this build's type), else through its values.
     */
    private static boolean copy(Group g, boolean asRead, Writer out, Predicate<String> keepSent)
            throws IOException {
        if (asRead) {
            if (g.getFieldRepetitionCount(STATUS) > 0 && SENT.equals(g.getString(STATUS, 0))
                    && !keepSent.test(g.getString(0, 0))) {
                return false;
            }
            out.out.write(g);
            return true;
        }
        Object[] values = VALUES.read(g);
        if (SENT.equals(values[STATUS]) && !keepSent.test((String) values[0])) {
            return false;
        }
        out.record(values);
        return true;
    }

    /**
     * A reader of {@code file} configured by {@code conf} alone (Parquet's reader built from a
     * path would first parse Hadoop's default configuration files again, for every file).
     */
    private static ParquetReader<Group> reader(Configuration conf, Path file) throws IOException {
        return new ParquetReader.Builder<Group>(HadoopInputFile.fromPath(file, conf)) {
            @Override
            protected ReadSupport<Group> getReadSupport() {
                return new GroupReadSupport();
            }
        }.build();
    }
}
