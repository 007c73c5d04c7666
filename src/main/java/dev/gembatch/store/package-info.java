/**
 * The answer store across runs: answers kept by request_id in typed, versioned Parquet segments
 * under {@code store.path}, looked up with a Spark join before a row is sent, committed
 * atomically once a run's output is written, compacted and described on demand; and the typed
 * answer record those segments and the journal share. Doors: {@code AnswerStore}, and
 * {@code AnswerRecords} (the record, written and read a file at a time, for the journal), and
 * {@code LocalDiskFile} (a file on Hadoop's local file system written without its {@code chmod}
 * processes, for the journal's claim markers too).
 * May use: config, model, output, Spark, Jackson, Parquet.
 */
package dev.gembatch.store;
