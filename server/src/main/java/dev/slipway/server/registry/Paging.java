package dev.slipway.server.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/** Pages of a keyset-ordered listing from which some rows are hidden, without hidden rows shortening a page. */
final class Paging {
    private Paging() {
    }

    /** Fetches up to {@code limit} rows after the row whose key is {@code after} (null = from the start). */
    @FunctionalInterface
    interface Fetch<T> {
        List<T> rows(String after, int limit);
    }

    static <T> Listing<T> collect(String last, int limit, Fetch<T> fetch, Predicate<T> keep, Function<T, String> key) {
        List<T> out = new ArrayList<>();
        String cursor = last;
        int batch = Math.max(100, Math.min(limit, 1000) + 1);
        while (out.size() <= limit) {
            List<T> rows = fetch.rows(cursor, batch);
            for (T r : rows) {
                if (keep.test(r)) {
                    out.add(r);
                }
            }
            if (rows.size() < batch) {
                break;
            }
            cursor = key.apply(rows.getLast());
        }
        return out.size() > limit ? new Listing<>(out.subList(0, limit), true) : new Listing<>(out, false);
    }
}
