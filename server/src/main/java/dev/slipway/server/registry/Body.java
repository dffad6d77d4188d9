package dev.slipway.server.registry;

import java.io.IOException;
import java.nio.ByteBuffer;

/** A request body, fed buffer by buffer so that bytes go from the socket to the file without extra copies. */
@FunctionalInterface
public interface Body {
    Body EMPTY = sink -> { };

    void feed(Sink sink) throws IOException;

    @FunctionalInterface
    interface Sink {
        /** Consumes the buffer's remaining bytes; the buffer is not valid after the call returns. */
        void accept(ByteBuffer bytes) throws IOException;
    }

    static Body of(byte[] bytes) {
        return sink -> sink.accept(ByteBuffer.wrap(bytes));
    }
}
