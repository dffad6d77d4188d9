package dev.slipway.cli.token;

/** A token's {@code --status}. */
enum TokenStatus { enabled, disabled }
