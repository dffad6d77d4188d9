package dev.slipway.cli.audit;

import static dev.slipway.cli.support.Table.field;
import static dev.slipway.cli.support.Table.time;

import dev.slipway.cli.support.Api;
import dev.slipway.cli.support.CliException;
import dev.slipway.cli.support.CommonOptions;
import dev.slipway.cli.support.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway audit list [--days N] [--top N]}: newest first. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List audit events, newest first.")
final class AuditListCommand implements Callable<Integer> {
    static final Table EVENTS = Table.of(time("TIME", "time"), field("ACTOR", "actor"), field("ACTION", "action"),
            field("TARGET", "target"), field("DETAIL", "detail"));

    @Option(names = "--days", paramLabel = "N", description = "Events of the last N days (default 30).")
    Integer days;

    @Option(names = "--top", paramLabel = "N", description = "At most N events (default 100).")
    Integer top;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        if ((days != null && days < 1) || (top != null && top < 1)) {
            throw CliException.usage("--days and --top must be at least 1");
        }
        StringBuilder q = new StringBuilder("/api/audit");
        String sep = "?";
        if (days != null) {
            q.append(sep).append("days=").append(days);
            sep = "&";
        }
        if (top != null) {
            q.append(sep).append("top=").append(top);
        }
        Api api = common.api();
        common.print(api.get(q.toString()), EVENTS);
        return 0;
    }
}
