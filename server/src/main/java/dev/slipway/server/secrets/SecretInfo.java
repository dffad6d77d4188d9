package dev.slipway.server.secrets;

import java.time.Instant;

/** A stored secret as listed: its name and dates, never its value. */
public record SecretInfo(String name, Instant created, Instant updated) { }
