package dev.slipway.server.secrets;

/**
 * A value stored sealed with the secret key, and the row that holds it, so a missing or wrong key can be
 * noticed at start and the message can name what depends on it.
 *
 * @param table the table of the row ({@code secrets}, {@code tasks}); its primary key is {@code name}
 * @param name  the row's name
 * @param value the sealed text
 */
public record SealedValue(String table, String name, String value) { }
