package dev.gembatch.stream;

/** One wire format's incremental decoder, chosen by {@link StreamDecoder} from the first byte. */
interface BodyDecoder {

    void feed(byte[] bytes, int offset, int length);

    void finish();
}
