package dev.slipway.server.auth;

/** Who is calling. */
public sealed interface Principal {
    String name();

    /** The registry's admin user: every action on every repository. */
    record Admin(String name) implements Principal { }

    /** A repository-scoped token, limited by its scope map. */
    record Token(String name, String scopeMap) implements Principal { }

    /**
     * A task run presenting its own short-lived access token as a password (engines such as Podman only pass
     * usernames and passwords on): it may do what that token grants, nothing more.
     */
    record Run(String name, Permissions permissions) implements Principal { }

    /** No credentials (only allowed to pull when anonymous pull is on). */
    record Anonymous() implements Principal {
        @Override
        public String name() {
            return "";
        }
    }
}
