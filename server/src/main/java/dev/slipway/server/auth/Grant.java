package dev.slipway.server.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Actions allowed on the repositories matching a pattern, where {@code *} matches any characters (also {@code /}). */
public record Grant(String repositoryPattern, Set<Action> actions) {
    public Grant {
        actions = actions.isEmpty() ? EnumSet.noneOf(Action.class) : EnumSet.copyOf(actions);
    }

    public boolean matches(String repository) {
        if (!repositoryPattern.contains("*")) {
            return repositoryPattern.equals(repository);
        }
        String regex = Arrays.stream(repositoryPattern.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
        return Pattern.matches(regex, repository);
    }
}
