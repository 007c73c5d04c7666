/**
 * Wires the stages: the library entry point {@code Gembatch} (answer a {@code Dataset<Row>}),
 * the command line {@code Main} (run, preview, dry run, emulator) as a thin adapter around it
 * (a preview of a local CSV file runs without Spark: {@code LocalPreview}),
 * the Spark session, and exit codes. May use: every package.
 */
package dev.gembatch.job;
