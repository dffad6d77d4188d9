package dev.slipway.server.registry;

import java.util.List;

/** One page of a detailed listing; {@code more} says whether a next page exists. */
public record Listing<T>(List<T> items, boolean more) {
    public Listing {
        items = List.copyOf(items);
    }

    public T lastItem() {
        return items.isEmpty() ? null : items.getLast();
    }
}
