package dev.slipway.runner.exec;

import java.util.function.Consumer;

/**
 * Turns output chunks (Docker frames and build messages split lines anywhere) into whole lines. Not thread-safe:
 * one per stream.
 */
final class LineSplitter {
    private final Consumer<String> sink;
    private final StringBuilder pending = new StringBuilder();

    LineSplitter(Consumer<String> sink) {
        this.sink = sink;
    }

    void accept(String chunk) {
        if (chunk == null) {
            return;
        }
        for (int i = 0; i < chunk.length(); i++) {
            char c = chunk.charAt(i);
            if (c == '\n') {
                emit();
            } else if (c != '\r') {
                pending.append(c);
            }
        }
    }

    /** Emits a last line without its line break. */
    void flush() {
        if (!pending.isEmpty()) {
            emit();
        }
    }

    private void emit() {
        sink.accept(pending.toString());
        pending.setLength(0);
    }
}
