package dev.slipway.server.registry;

import dev.slipway.server.meta.Attributes;
import java.util.ArrayList;
import java.util.List;

/** A change to changeable attributes: each non-null field replaces that attribute, the others stay. */
public record AttributeChange(Boolean deleteEnabled, Boolean writeEnabled, Boolean readEnabled, Boolean listEnabled) {

    public Attributes applyTo(Attributes a) {
        return new Attributes(deleteEnabled != null ? deleteEnabled : a.deleteEnabled(),
                writeEnabled != null ? writeEnabled : a.writeEnabled(),
                readEnabled != null ? readEnabled : a.readEnabled(),
                listEnabled != null ? listEnabled : a.listEnabled());
    }

    public boolean isEmpty() {
        return deleteEnabled == null && writeEnabled == null && readEnabled == null && listEnabled == null;
    }

    /** The changed attributes as {@code name=value} pairs separated by spaces, e.g. {@code writeEnabled=false}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        add(parts, "deleteEnabled", deleteEnabled);
        add(parts, "writeEnabled", writeEnabled);
        add(parts, "readEnabled", readEnabled);
        add(parts, "listEnabled", listEnabled);
        return String.join(" ", parts);
    }

    private static void add(List<String> parts, String name, Boolean value) {
        if (value != null) {
            parts.add(name + "=" + value);
        }
    }
}
