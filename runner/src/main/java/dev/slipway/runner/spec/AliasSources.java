package dev.slipway.runner.spec;

import java.util.Map;

/**
 * Reads the alias files a task lists under {@code alias: src:} — local paths in the run's context, or URLs (acb
 * fetches those with a 2 s timeout). The caller decides how, so this package stays free of I/O. The content must be
 * a YAML map of alias names to values.
 */
@FunctionalInterface
public interface AliasSources {

    /** Returns the file's content, or throws (any exception) when it cannot be read. */
    String load(String source) throws Exception;

    /** For tasks that may not reference alias files. */
    AliasSources NONE = source -> {
        throw new IllegalArgumentException("alias sources are not available here");
    };

    /** Sources from memory, keyed by the exact {@code src} string (tests, pre-fetched files). */
    static AliasSources of(Map<String, String> contents) {
        Map<String, String> copy = Map.copyOf(contents);
        return source -> {
            String content = copy.get(source);
            if (content == null) {
                throw new IllegalArgumentException("no such alias source");
            }
            return content;
        };
    }
}
