/**
 * The fixed, typed result schema and the values of one answered row, structured-output columns,
 * and the output target: checked before anything is sent (no overlap with the input, creatable,
 * not locked by another run), locked while written, written once as Parquet. Doors:
 * {@code OutputTarget}, {@code ResultSchema}, {@code ResultValues}. May use: config, model,
 * Spark SQL, Hadoop.
 */
package dev.gembatch.output;
