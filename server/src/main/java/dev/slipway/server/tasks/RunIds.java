package dev.slipway.server.tasks;

/** Run ids like ACR's: a two-letter prefix and a base-32 counter in {@code 0-9a-v} (ca1 … ca9, caa … cav, ca10). */
final class RunIds {
    private RunIds() {
    }

    static String format(String prefix, long counter) {
        if (counter < 1) {
            throw new IllegalArgumentException("run counters start at 1");
        }
        return prefix + Long.toString(counter, 32);
    }
}
