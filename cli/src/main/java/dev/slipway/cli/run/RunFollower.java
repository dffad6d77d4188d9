package dev.slipway.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.support.CliException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * Prints a run's log as it is written until the run ends (reconnecting from the last byte when the connection
 * drops), then turns its status into the exit: Azure CLI's "Run failed", "Run timed out", "Run was canceled".
 */
public final class RunFollower {
    private static final Set<String> TERMINAL = Set.of("Succeeded", "Failed", "Canceled", "Error", "Timeout");
    private static final Duration RETRY = Duration.ofMillis(500);

    private RunFollower() {
    }

    /** Streams the log to {@code out}; returns the final run, or throws the failure message. */
    public static JsonNode follow(RunService runs, String id, PrintWriter out) {
        long offset = 0;
        while (true) {
            Counting in = null;
            try {
                in = new Counting(runs.log(id, offset, true));
                try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    char[] buf = new char[8192];
                    int n;
                    while ((n = reader.read(buf)) > 0) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                pause(); // the connection dropped (e.g. an idle timeout during a quiet step): resume where it stopped
            } finally {
                if (in != null) {
                    offset += in.count;
                }
            }
            JsonNode run = runs.show(id);
            if (TERMINAL.contains(run.path("status").asText())) {
                return check(run);
            }
        }
    }

    /** Waits for the run to end without printing its log. */
    public static JsonNode await(RunService runs, String id) {
        while (true) {
            JsonNode run = runs.show(id);
            if (TERMINAL.contains(run.path("status").asText())) {
                return run;
            }
            pause();
        }
    }

    /** The run when it succeeded; Azure CLI's message otherwise. */
    public static JsonNode check(JsonNode run) {
        return switch (run.path("status").asText()) {
            case "Succeeded" -> run;
            case "Timeout" -> throw CliException.failed("Run timed out");
            case "Canceled" -> throw CliException.failed("Run was canceled");
            default -> throw CliException.failed("Run failed");
        };
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted");
        }
    }

    /** Counts the bytes read, so a dropped stream resumes where it stopped. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
