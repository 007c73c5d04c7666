/**
 * Reads the input table (CSV, Parquet, JSON lines) into a DataFrame with rows that cannot be
 * sent set apart, checks the columns the prompts read (and their media types, and a unique id),
 * reads media files for multimodal rows, and reads the first rows of a local CSV file as Spark
 * would, without Spark (for a preview). Doors: {@code InputTable} (with its {@code FirstRows}),
 * {@code InputColumns}, {@code MediaParts}. May use: config, model, Spark SQL, Hadoop.
 */
package dev.gembatch.input;
