/**
 * The fixed, typed result schema and the values of one answered row, structured-output columns,
 * and the output target, a Parquet folder or a catalog table (Iceberg, Delta, Hive through
 * {@code DataFrameWriterV2}): checked before anything is sent (no overlap with the input,
 * creatable, a known catalog and namespace, not locked by another run), locked while written,
 * written once. Doors: {@code OutputTarget}, {@code ResultSchema}, {@code ResultValues}.
 * May use: config, model, Spark SQL, Hadoop.
 */
package dev.gembatch.output;
