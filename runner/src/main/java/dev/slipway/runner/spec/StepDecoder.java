package dev.slipway.runner.spec;

import java.util.List;

/** Reads one {@code steps[i]} mapping as written, before acb's defaults (TaskParser applies those). */
final class StepDecoder {
    private StepDecoder() {
    }

    /** The step as written: the three kind strings stay apart so the parser can apply acb's one-kind rule. */
    record Raw(int index, int line, String build, String cmd, List<String> push, StepProperties props) {
    }

    static Raw decode(Fields f, int index) {
        var props = StepProperties.builder(f.string("id"))
                .when(f.strings("when"))
                .timeout(f.integer("timeout"))
                .startDelay(f.integer("startDelay"))
                .retries(f.integer("retries"))
                .retryDelay(f.integer("retryDelay"))
                .retryOnErrors(f.strings("retryOnErrors"))
                .repeat(f.integer("repeat"))
                .ignoreErrors(f.bool("ignoreErrors"))
                .disableWorkingDirectoryOverride(f.bool("disableWorkingDirectoryOverride"))
                .env(f.strings("env"))
                .entryPoint(f.string("entryPoint"))
                .workingDirectory(f.string("workingDirectory"))
                .user(f.string("user"))
                .network(f.string("network"))
                .ports(f.strings("ports"))
                .expose(f.strings("expose"))
                .privileged(f.bool("privileged"))
                .detach(f.bool("detach"))
                .keep(f.bool("keep"))
                .isolation(f.string("isolation"))
                .cpus(f.string("cpus"))
                .volumeMounts(f.objects("volumeMounts", "volume.Mount", StepDecoder::mount))
                .pull(f.bool("pull"))
                .cache(f.string("cache"))
                .exitedWith(f.integers("exitedWith"))
                .exitedWithout(f.integers("exitedWithout"))
                .build();
        var raw = new Raw(index, f.line(), f.string("build"), f.string("cmd"), f.strings("push"), props);
        f.warnUnknown();
        return raw;
    }

    private static VolumeMount mount(Fields f) {
        var mount = new VolumeMount(f.string("name"), f.string("mountPath"));
        f.warnUnknown();
        return mount;
    }
}
