package dev.slipway.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT stop {@code serve} with exit status 0, as a graceful stop should (systemd counts 143 as a
 * failure unless told otherwise). The JVM's own handler exits with 128 + the signal after the shutdown hooks, and a
 * hook cannot change that status: only {@code Runtime.halt} could, which would also cut other hooks short and turn
 * a {@code System.exit(1)} into 0. So these signals call {@code System.exit(0)}, which runs the same hook that
 * closes the server; a second signal while it runs halts at once (128 + the signal).
 *
 * <p>{@code sun.misc.Signal} lives in {@code jdk.unsupported}, which the class path reads without flags on every
 * JDK 21+. Where it cannot be used (a runtime without that module, or SIGINT ignored by the shell that started us in
 * the background), the JVM's handling stays: the same graceful stop, with status 143 or 130.
 */
final class StopSignals {
    private static final AtomicBoolean STOPPING = new AtomicBoolean();

    private StopSignals() {
    }

    static void install() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), StopSignals::stop);
            } catch (IllegalArgumentException e) {
                // The signal is reserved or ignored: leave it as it is.
            }
        }
    }

    private static void stop(Signal signal) {
        if (STOPPING.compareAndSet(false, true)) {
            System.exit(0);
        } else {
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
    }
}
