/**
 * Shared immutable values every stage passes along: a row's {@code Answer} (status, text,
 * thoughts, finish reason, safety ratings, prompt feedback, usage, error), its parts
 * ({@code Candidate}, {@code SafetyRating}, {@code Usage}, {@code ErrorInfo}, {@code MediaData}),
 * {@code Status} and the {@code ApiKey} that redacts itself. May use: the JDK only.
 */
package dev.gembatch.model;
