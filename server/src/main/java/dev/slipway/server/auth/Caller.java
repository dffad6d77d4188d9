package dev.slipway.server.auth;

/** Who sent a request, as far as its Authorization header says. */
public sealed interface Caller {
    record Anonymous() implements Caller { }

    /** Basic credentials that checked out. */
    record Basic(Authenticated who) implements Caller { }

    /** A bearer access token that verified. */
    record Bearer(AccessClaims claims) implements Caller { }
}
