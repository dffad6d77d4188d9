/**
 * Executing a prepared task on a container engine (acb's builder): the step DAG scheduled concurrently, build / cmd /
 * push steps on the {@link dev.slipway.runner.exec.Engine}, acb-style log lines with secrets masked, and the run's
 * outcome (output images, dependencies). The public surface is {@link dev.slipway.runner.exec.RunExecutor}, the
 * request/outcome records and the {@link dev.slipway.runner.exec.Engine} port with its Docker implementation.
 */
package dev.slipway.runner.exec;
