/**
 * Folds one stream's chunks into one complete answer: text, thoughts, finish reason, safety,
 * prompt feedback, usage, citations, ids, and whether the stream ended complete. Door:
 * {@code AnswerAssembler}. May use: model, stream.
 */
package dev.gembatch.assembly;
