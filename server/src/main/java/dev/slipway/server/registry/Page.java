package dev.slipway.server.registry;

import java.util.List;

/** One page of a lexically ordered listing; {@code more} says whether a next page exists. */
public record Page(List<String> items, boolean more) {
    public String lastItem() {
        return items.isEmpty() ? null : items.getLast();
    }
}
