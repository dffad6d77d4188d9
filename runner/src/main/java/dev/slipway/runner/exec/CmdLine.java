package dev.slipway.runner.exec;

import dev.slipway.runner.scan.CommandWords;
import dev.slipway.runner.scan.ScanException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code cmd:} string read as {@code docker run} reads its arguments: leading run flags, the image, then the
 * container's arguments. Only the flags that make sense inside a run are accepted; anything else fails the step
 * with a message naming the flag rather than being passed on blindly.
 *
 * @param entrypoint null unless {@code --entrypoint} was given
 * @param workdir    null unless {@code -w/--workdir} was given
 * @param user       null unless {@code -u/--user} was given
 * @param network    null unless {@code --network} was given
 * @param volumes    {@code -v/--volume} values as written
 */
record CmdLine(List<String> env, String entrypoint, String workdir, String user, String network, boolean privileged,
               List<String> publish, List<String> expose, boolean detach, List<String> volumes, String image,
               List<String> args) {

    static final String DOCKER_CLI_UNSUPPORTED = "a cmd that runs the docker CLI is not a docker run command line";

    private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("-e", "env"),
            Map.entry("-w", "workdir"), Map.entry("-u", "user"), Map.entry("-p", "publish"),
            Map.entry("-d", "detach"), Map.entry("-v", "volume"), Map.entry("-i", "interactive"),
            Map.entry("-t", "tty"), Map.entry("--net", "network"));
    private static final List<String> VALUED = List.of("env", "workdir", "user", "entrypoint", "network", "publish",
            "expose", "volume");
    private static final List<String> SWITCHES = List.of("privileged", "detach", "rm", "interactive", "tty");

    CmdLine {
        env = List.copyOf(env);
        publish = List.copyOf(publish);
        expose = List.copyOf(expose);
        volumes = List.copyOf(volumes);
        args = List.copyOf(args);
    }

    /** @throws StepFailure for a malformed string, an unsupported flag, no image, or a {@code docker} command */
    static CmdLine parse(String cmd) {
        List<String> words;
        try {
            words = CommandWords.split(cmd);
        } catch (ScanException e) {
            throw new StepFailure(e.getMessage().replace("build command: ", "cmd: "));
        }
        if (!words.isEmpty() && words.getFirst().equals("docker")) {
            throw new StepFailure(DOCKER_CLI_UNSUPPORTED);
        }
        var b = new Builder();
        int i = 0;
        while (i < words.size() && words.get(i).startsWith("-")) {
            String word = words.get(i++);
            int eq = word.indexOf('=');
            String flag = eq < 0 ? word : word.substring(0, eq);
            String name = ALIASES.getOrDefault(flag, flag.startsWith("--") ? flag.substring(2) : flag);
            String value = eq < 0 ? null : word.substring(eq + 1);
            if (name.equals("-it") || name.equals("-ti")) {
                continue; // interactive terminals mean nothing in a run; accept the habit
            }
            if (VALUED.contains(name)) {
                if (value == null) {
                    if (i >= words.size()) {
                        throw new StepFailure("cmd: " + flag + " needs a value");
                    }
                    value = words.get(i++);
                }
                b.valued(name, value);
            } else if (SWITCHES.contains(name)) {
                b.switched(name, value == null || value.equals("true"));
            } else {
                throw new StepFailure("cmd: the docker run flag " + flag + " is not supported in a step");
            }
        }
        if (i >= words.size()) {
            throw new StepFailure("cmd: no image to run in: " + cmd);
        }
        return b.build(words.get(i), words.subList(i + 1, words.size()));
    }

    /** Gathers flags for one parse. */
    private static final class Builder {
        final List<String> env = new ArrayList<>();
        final List<String> publish = new ArrayList<>();
        final List<String> expose = new ArrayList<>();
        final List<String> volumes = new ArrayList<>();
        String entrypoint;
        String workdir;
        String user;
        String network;
        boolean privileged;
        boolean detach;

        void valued(String name, String value) {
            switch (name) {
                case "env" -> env.add(value);
                case "workdir" -> workdir = value;
                case "user" -> user = value;
                case "entrypoint" -> entrypoint = value;
                case "network" -> network = value;
                case "publish" -> publish.add(value);
                case "expose" -> expose.add(value);
                case "volume" -> volumes.add(value);
                default -> throw new IllegalStateException(name);
            }
        }

        void switched(String name, boolean on) {
            switch (name) {
                case "privileged" -> privileged = on;
                case "detach" -> detach = on;
                default -> { } // --rm: containers are always removed unless the step says keep; -i/-t: no tty
            }
        }

        CmdLine build(String image, List<String> args) {
            return new CmdLine(env, entrypoint, workdir, user, network, privileged, publish, expose, detach,
                    volumes, image, args);
        }
    }
}
