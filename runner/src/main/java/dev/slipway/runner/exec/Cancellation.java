package dev.slipway.runner.exec;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A run's cancel switch: the server flips it (cancel-run); the executor stops steps and kills their containers. */
public final class Cancellation {
    private volatile boolean canceled;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void cancel() {
        if (!canceled) {
            canceled = true;
            listeners.forEach(Runnable::run);
        }
    }

    public boolean isCanceled() {
        return canceled;
    }

    /** Runs {@code action} on cancel (at once if already canceled). */
    public void onCancel(Runnable action) {
        listeners.add(action);
        if (canceled) {
            action.run();
        }
    }
}
