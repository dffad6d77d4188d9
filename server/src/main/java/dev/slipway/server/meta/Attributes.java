package dev.slipway.server.meta;

/**
 * The changeable attributes of a repository, tag or manifest (ACR's locks). All true by default;
 * {@code writeEnabled=false} makes the object immutable (no update and no delete), {@code deleteEnabled=false}
 * protects it from deletion only, {@code readEnabled=false} blocks pulls and {@code listEnabled=false} hides it
 * from listings.
 */
public record Attributes(boolean deleteEnabled, boolean writeEnabled, boolean readEnabled, boolean listEnabled) {
    public static final Attributes DEFAULT = new Attributes(true, true, true, true);

    public boolean isDefault() {
        return equals(DEFAULT);
    }

    /** Whether the object is protected from deletion (by either flag). */
    public boolean locked() {
        return !writeEnabled || !deleteEnabled;
    }
}
