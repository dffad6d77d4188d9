package dev.slipway.server.secrets;

/**
 * A value stored sealed with the secret key, and the row that holds it, so a missing or wrong key can be
 * noticed at start and the message can name what depends on it.
 *
 * @param table  the table of the row ({@code secrets}, {@code tasks}, {@code runs})
 * @param column the row's key column ({@code name}; {@code id} for runs)
 * @param name   the row's key
 * @param value  the sealed text
 */
public record SealedValue(String table, String column, String name, String value) {
    /** A value in a table keyed by {@code name}. */
    public SealedValue(String table, String name, String value) {
        this(table, "name", name, value);
    }
}
