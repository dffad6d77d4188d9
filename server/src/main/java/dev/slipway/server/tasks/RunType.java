package dev.slipway.server.tasks;

/** How a run came about (ACR's runType): quick build/run from the CLI, or a task's build/run. */
public enum RunType {
    QuickBuild, QuickRun, AutoBuild, AutoRun
}
