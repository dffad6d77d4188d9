package dev.slipway.server.tasks;

import dev.slipway.runner.exec.Cancellation;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/** A FIFO of run ids, each started on its own virtual thread while fewer than {@code max} are running. */
final class RunQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final Deque<String> waiting = new ArrayDeque<>();
    private final Map<String, Cancellation> active = new HashMap<>();
    private final int max;
    private final Consumer<String> work;
    private int running;
    private boolean closed;

    RunQueue(int max, Consumer<String> work) {
        this.max = max;
        this.work = work;
    }

    void submit(String id) {
        lock.lock();
        try {
            waiting.add(id);
        } finally {
            lock.unlock();
        }
        pump();
    }

    /** Removes a run that has not started; false when it is not waiting. */
    boolean remove(String id) {
        lock.lock();
        try {
            return waiting.remove(id);
        } finally {
            lock.unlock();
        }
    }

    void register(String id, Cancellation c) {
        lock.lock();
        try {
            active.put(id, c);
        } finally {
            lock.unlock();
        }
    }

    /** Cancels a running run; false when it is not running here. */
    boolean cancel(String id) {
        Cancellation c;
        lock.lock();
        try {
            c = active.get(id);
        } finally {
            lock.unlock();
        }
        if (c == null) {
            return false;
        }
        c.cancel();
        return true;
    }

    private void pump() {
        lock.lock();
        try {
            while (!closed && running < max && !waiting.isEmpty()) {
                String id = waiting.poll();
                running++;
                Thread.ofVirtual().name("slipway-run-" + id).start(() -> {
                    try {
                        work.accept(id);
                    } finally {
                        finished(id);
                    }
                });
            }
        } finally {
            lock.unlock();
        }
    }

    private void finished(String id) {
        lock.lock();
        try {
            active.remove(id);
            running--;
            idle.signalAll();
        } finally {
            lock.unlock();
        }
        pump();
    }

    /** Starts nothing more, cancels what runs and waits for it (queued runs stay queued for the next start). */
    void close(Duration wait) {
        lock.lock();
        try {
            closed = true;
            active.values().forEach(Cancellation::cancel);
            long deadline = System.nanoTime() + wait.toNanos();
            while (running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !idle.await(left, TimeUnit.NANOSECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    boolean closed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }
}
