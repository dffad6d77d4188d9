package dev.slipway.runner.exec;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The run log as acb writes it: its own lines with Go's {@code log} prefix ({@code 2026/12/02 03:30:12 …}),
 * container output as {@code <stepId> | line}. Every line is masked before it reaches the sink.
 */
final class AcbLog {
    private static final DateTimeFormatter GO_LOG = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", Locale.ROOT);

    private final RunLog sink;
    private final Clock clock;
    private final Masker masker;

    AcbLog(RunLog sink, Clock clock, Masker masker) {
        this.sink = sink;
        this.clock = clock;
        this.masker = masker;
    }

    /** One acb line; a message with line breaks continues without prefix, as Go's logger prints it. */
    void info(String format, Object... args) {
        String text = args.length == 0 ? format : String.format(Locale.ROOT, format, args);
        String[] lines = masker.mask(text).split("\n", -1);
        String stamp = GO_LOG.format(clock.instant().atZone(clock.getZone()));
        for (int i = 0; i < lines.length; i++) {
            sink.line(i == 0 ? stamp + " " + lines[i] : lines[i]);
        }
    }

    /** A line of a step's container (or build, or push) output. */
    void output(String stepId, String line) {
        sink.line(masker.mask(stepId + " | " + line));
    }
}
