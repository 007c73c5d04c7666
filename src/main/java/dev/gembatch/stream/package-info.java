/**
 * Incremental decoders fed bytes, never pulling: Server-Sent Events ({@code ?alt=sse}) and the
 * streamed JSON array, each chunk read into a typed {@code Chunk} or an API error object; they
 * know no HTTP, so every recorded stream can be replayed split at any byte. Door:
 * {@code StreamDecoder}. May use: model, Jackson.
 */
package dev.gembatch.stream;
