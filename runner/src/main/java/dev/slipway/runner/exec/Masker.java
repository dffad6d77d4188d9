package dev.slipway.runner.exec;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Replaces every secret value in a log line with {@value #MASK}; the server masks its own lines with it too. */
public final class Masker {
    public static final String MASK = "*****";

    private final List<String> values;

    public Masker(Collection<String> secrets) {
        // Longest first, so a secret that contains a shorter one is masked whole rather than half.
        this.values = secrets.stream().filter(Objects::nonNull).filter(s -> !s.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public String mask(String line) {
        String out = line;
        for (String value : values) {
            if (out.contains(value)) {
                out = out.replace(value, MASK);
            }
        }
        return out;
    }
}
