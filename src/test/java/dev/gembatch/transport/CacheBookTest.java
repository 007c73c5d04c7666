package dev.gembatch.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * One JVM's view of the job's context cache: a lost cache is made once more, and a second loss
 * sends the rows in full, however fast the creation answers.
 */
class CacheBookTest {
    private static final CacheSpec SPEC = LostCacheTest.SPEC;

    @Test
    void aCacheMadeAgainAtOnceIsDroppedWhenItIsLostAgain() {
        // the creation's answer arrives before missing() returns (another I/O thread was quicker):
        // a cache lost again afterwards must still end in full requests, never a loop on its name
        CacheBook book = new CacheBook(spec -> CompletableFuture.completedFuture(
                new CacheCalls.Held("cachedContents/new", spec.displayName(), 1200)));
        assertEquals("cachedContents/old", book.current(SPEC));
        assertTrue(book.missing(SPEC, "cachedContents/old").isDone());
        assertEquals("cachedContents/new", book.current(SPEC), "made once more");
        assertTrue(book.missing(SPEC, "cachedContents/new").isDone());
        assertNull(book.current(SPEC), "lost twice: requests carry the shared part themselves");
    }

    @Test
    void requestsThatLostTheCacheWhileItIsMadeAgainWaitForIt() {
        CompletableFuture<CacheCalls.Held> made = new CompletableFuture<>();
        CacheBook book = new CacheBook(spec -> made);
        CompletableFuture<Void> first = book.missing(SPEC, "cachedContents/old");
        CompletableFuture<Void> second = book.missing(SPEC, "cachedContents/old");
        assertFalse(first.isDone() || second.isDone(), "both wait for the one creation");
        assertNull(book.current(SPEC), "no cache named while it is made");
        made.complete(new CacheCalls.Held("cachedContents/new", SPEC.displayName(), 1200));
        assertTrue(first.isDone() && second.isDone());
        assertEquals("cachedContents/new", book.current(SPEC));
        assertTrue(book.missing(SPEC, "cachedContents/old").isDone(), "an older loss: send again");
        assertEquals("cachedContents/new", book.current(SPEC));
    }
}
