/**
 * Renders prompt templates over a row (no recursive substitution) and builds the request body
 * bytes with one shared Jackson writer. Doors: {@code Template}, {@code RequestBodies},
 * {@code CellText} (a cell's text as a template sees it). May use: config, model, Jackson, the
 * Spark Row type.
 */
package dev.gembatch.prompt;
