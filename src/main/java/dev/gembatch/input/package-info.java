/**
 * Reads the input table (CSV, Parquet, JSON lines) into a DataFrame with rows that cannot be
 * sent set apart, checks the columns the prompts read (and their media types, and a unique id),
 * and reads media files for multimodal rows. Doors: {@code InputTable}, {@code InputColumns},
 * {@code MediaParts}. May use: config, model, Spark SQL, Hadoop.
 */
package dev.gembatch.input;
