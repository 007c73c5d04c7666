package dev.gembatch.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;

/**
 * A JSON body: the streamed array ({@code [{...}\n,\r\n{...}\n]}, each element delivered as
 * soon as it is complete) or one bare object. Ending inside an element is malformed; ending
 * between elements of an unclosed array is not (the elements so far were whole, and the
 * assembler judges completeness by finish reasons, as for a cut event stream).
 */
final class JsonBodyDecoder implements BodyDecoder {

    private final Delivery delivery;
    private final JsonObjectStream json;

    JsonBodyDecoder(Delivery delivery) {
        this.delivery = delivery;
        this.json = new JsonObjectStream(delivery::deliver);
    }

    @Override
    public void feed(byte[] bytes, int offset, int length) {
        try {
            json.feed(bytes, offset, length);
        } catch (JsonProcessingException e) {
            delivery.malformed("invalid JSON body: " + e.getOriginalMessage());
        } catch (IOException e) {
            delivery.malformed("unreadable JSON body: " + e.getMessage());
        }
    }

    @Override
    public void finish() {
        if (json.insideObject()) {
            delivery.malformed("body ended inside a JSON object");
        }
    }
}
