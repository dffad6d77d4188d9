package dev.slipway.server.api;

import java.io.IOException;
import java.io.OutputStream;

/** What an endpoint returns besides a plain JSON body (status 200): another status, fixed bytes, or a streamed text body. */
sealed interface ApiReply {
    /** A JSON body with this status (201 for a created resource). */
    record Json(int status, Object body) implements ApiReply { }

    /** A fixed body of this content type with status 200 (e.g. the API's OpenAPI document). */
    record Bytes(String contentType, byte[] body) implements ApiReply { }

    /** A text body written as it is produced (chunked); the writer may block, e.g. while following a log. */
    record Stream(String contentType, Writer writer) implements ApiReply { }

    @FunctionalInterface
    interface Writer {
        void write(OutputStream out) throws IOException;
    }
}
