package dev.slipway.cli.task;

import picocli.CommandLine.Command;

/** {@code slipway task …}: named tasks (create, update, show, list, delete, run, credential) and their runs. */
@Command(name = "task", mixinStandardHelpOptions = true, description = "Named tasks and task runs: history, logs, cancel, archive.",
        subcommands = {TaskCreateCommand.class, TaskUpdateCommand.class, TaskShowCommand.class, TaskListCommand.class,
                TaskDeleteCommand.class, TaskRunCommand.class, TaskCredentialCommand.class, TaskListRunsCommand.class, TaskShowRunCommand.class, TaskLogsCommand.class, TaskCancelRunCommand.class,
                TaskUpdateRunCommand.class})
public final class TaskCommand {
}
