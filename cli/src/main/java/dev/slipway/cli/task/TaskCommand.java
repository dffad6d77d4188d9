package dev.slipway.cli.task;

import picocli.CommandLine.Command;

/** {@code slipway task …}: runs for now (list-runs, show-run, logs, cancel-run, update-run); tasks come later. */
@Command(name = "task", mixinStandardHelpOptions = true, description = "Task runs: history, logs, cancel, archive.",
        subcommands = {TaskListRunsCommand.class, TaskShowRunCommand.class, TaskLogsCommand.class, TaskCancelRunCommand.class,
                TaskUpdateRunCommand.class})
public final class TaskCommand {
}
