package dev.slipway.server.tasks;

import dev.slipway.runner.exec.Masker;
import dev.slipway.runner.exec.RunLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/** One append-only log file per run under {@code DATA/runs/<id>.log}; readers may follow it while it grows. */
final class RunLogs {
    private static final long POLL_MILLIS = 100;

    private final Path dir;
    // Followers wake when any log grows or closes (a counter, so a write between a read and the wait is not
    // missed); the poll interval stays as a fallback for the terminal status, which lives in the database.
    private final ReentrantLock signalLock = new ReentrantLock();
    private final Condition changed = signalLock.newCondition();
    private long version;

    RunLogs(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    Path file(String id) {
        return dir.resolve(id + ".log");
    }

    /** Creates the (empty) log when the run is created, so followers of a queued run find it. */
    void create(String id) throws IOException {
        Path f = file(id);
        if (!Files.exists(f)) {
            Files.createFile(f);
        }
    }

    void delete(String id) throws IOException {
        Files.deleteIfExists(file(id));
    }

    /** A writer that appends each line and flushes it at once; {@code masked} values are replaced by {@link Masker#MASK}. */
    Writer open(String id, List<String> masked) {
        return new Writer(file(id), masked, this::signal);
    }

    private void signal() {
        signalLock.lock();
        try {
            version++;
            changed.signalAll();
        } finally {
            signalLock.unlock();
        }
    }

    private long version() {
        signalLock.lock();
        try {
            return version;
        } finally {
            signalLock.unlock();
        }
    }

    private void awaitChange(long seen, long millis) throws InterruptedException {
        signalLock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
            while (version == seen && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
        } finally {
            signalLock.unlock();
        }
    }

    /**
     * Copies the log from {@code offset} to {@code out}; with {@code follow}, keeps copying as it grows until
     * {@code finished} says the run is terminal and everything written has been sent.
     */
    void copy(String id, long offset, boolean follow, BooleanSupplier finished, OutputStream out) throws IOException {
        Path f = file(id);
        long position = offset;
        byte[] buf = new byte[16 * 1024];
        while (true) {
            long seen = version();
            boolean done = !follow || finished.getAsBoolean();
            try (InputStream in = Files.newInputStream(f)) {
                in.skipNBytes(Math.min(position, Files.size(f)));
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    position += n;
                }
            } catch (NoSuchFileException e) {
                return;
            }
            out.flush();
            if (done) {
                return;
            }
            try {
                awaitChange(seen, POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Thread-safe: parallel steps write at once. */
    static final class Writer implements RunLog, AutoCloseable {
        private final ReentrantLock lock = new ReentrantLock();
        private final List<String> masked = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile Masker masker;
        private final FileChannel channel;
        private final OutputStream out;
        private final Runnable onChange;

        Writer(Path file, List<String> masked, Runnable onChange) {
            this.masked.addAll(masked);
            this.masker = new Masker(this.masked);
            this.onChange = onChange;
            try {
                this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                this.out = Channels.newOutputStream(channel);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the run log " + file, e);
            }
        }

        /** Adds values to mask from now on (those known only once the task is rendered). */
        void mask(List<String> more) {
            masked.addAll(more);
            masker = new Masker(masked);
        }

        String masked(String text) {
            return masker.mask(text);
        }

        /** Lines from the executor are masked already; masking again is cheap and covers the server's own lines. */
        @Override
        public void line(String text) {
            byte[] bytes = (masker.mask(text) + "\n").getBytes(StandardCharsets.UTF_8);
            lock.lock();
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the run log", e);
            } finally {
                lock.unlock();
            }
            onChange.run();
        }

        @Override
        public void close() {
            lock.lock();
            try {
                channel.force(false);
                channel.close();
            } catch (IOException e) {
                // the lines are written; a failed fsync at close loses nothing the page cache does not still hold
            } finally {
                lock.unlock();
            }
            onChange.run();
        }
    }
}
