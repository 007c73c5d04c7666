/**
 * The executor side: the {@code mapPartitions} functions that turn rows into requests and
 * answers with a bounded window in flight, the per-JVM resources (one client per run, closed
 * when idle, stopped gracefully on SIGTERM), budgets and the failure budget, and the Spark plugin
 * through which executors lease the quota from the driver. Doors: {@code PartitionAnswerer},
 * {@code RowPlan}, {@code AnswerLog}, {@code QuotaPlugin}. May use: config, model, input,
 * prompt, transport, transport.limit, output, report, Spark.
 */
package dev.gembatch.pipeline;
