/**
 * What a run did, for people and machines: Spark accumulators fed by the executors, the live
 * progress line, the run summary, and the report files ({@code report.json}, a self-contained
 * {@code report.html}). Doors: {@code RunCounters}, {@code Progress}, {@code RunReport}. May use:
 * config, model, Spark.
 */
package dev.gembatch.report;
