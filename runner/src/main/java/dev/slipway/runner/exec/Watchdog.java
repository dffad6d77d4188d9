package dev.slipway.runner.exec;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs an engine call that takes no timeout (build, push) within a step's deadline: the calling thread is interrupted
 * when the deadline passes, and the engine gives up on interrupt.
 */
final class Watchdog {
    private Watchdog() {
    }

    static <T> T within(long deadlineNanos, Supplier<T> call) {
        Thread caller = Thread.currentThread();
        var expired = new boolean[1];
        Thread dog = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())));
                synchronized (expired) {
                    expired[0] = true;
                }
                caller.interrupt();
            } catch (InterruptedException e) {
                // the call finished first
            }
        });
        try {
            return call.get();
        } catch (RuntimeException e) {
            if (isExpired(expired)) {
                throw StepFailure.timedOut();
            }
            throw e;
        } finally {
            dog.interrupt();
            joinQuietly(dog);
            if (isExpired(expired)) {
                Thread.interrupted(); // the interrupt was ours, not the run's: clear it
            }
        }
    }

    private static boolean isExpired(boolean[] expired) {
        synchronized (expired) {
            return expired[0];
        }
    }

    private static void joinQuietly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
