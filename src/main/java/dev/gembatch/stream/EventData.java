package dev.gembatch.stream;

/**
 * The data of the server-sent event being read. While the event has a single data line that
 * lies whole in the caller's input, it is only a view of that input (no copy: the usual event is
 * parsed straight from the network buffer); it is copied when a second line arrives or when the
 * input is about to go away ({@link #release()} at the end of each feed).
 */
final class EventData {

    private final ByteBuf copy = new ByteBuf();
    private byte[] view;
    private int viewOffset;
    private int viewLength;
    private boolean present;

    /**
     * Adds one data field's value (lines join with LF). {@code borrowed}: the bytes stay valid
     * until {@link #release()}, so they may be kept as a view instead of copied.
     */
    void add(byte[] bytes, int offset, int length, boolean borrowed) {
        if (!present && borrowed) {
            view = bytes;
            viewOffset = offset;
            viewLength = length;
        } else {
            release();
            if (present) {
                copy.append((byte) '\n');
            }
            copy.append(bytes, offset, length);
        }
        present = true;
    }

    /** Copies a borrowed view into the event's own buffer: the input it points into goes away. */
    void release() {
        if (view != null) {
            copy.append(view, viewOffset, viewLength);
            view = null;
        }
    }

    /** True once a data field was seen (even an empty one). */
    boolean present() {
        return present;
    }

    byte[] array() {
        return view != null ? view : copy.array();
    }

    int offset() {
        return view != null ? viewOffset : 0;
    }

    int length() {
        return view != null ? viewLength : copy.size();
    }

    void clear() {
        view = null;
        copy.clear();
        present = false;
    }
}
