/**
 * Executing a prepared task on a container engine (acb's builder): the step DAG scheduled concurrently, build / cmd /
 * push steps on the {@link dev.slipway.runner.exec.Engine}, acb-style log lines with secrets masked, and the run's
 * outcome (output images, dependencies). The public surface is {@link dev.slipway.runner.exec.RunExecutor}, the
 * request/outcome records and the {@link dev.slipway.runner.exec.Engine} port with its Docker implementation.
 *
 * <p>What callers can rely on:
 * <ul>
 *   <li>Docker names are run-scoped: the task's networks become {@code <runId>_<name>} (steps still log and use the
 *       task's name), containers {@code <runId>-<stepId>} with the step id as DNS alias on user-defined networks,
 *       so concurrent runs never collide and steps reach each other by id. Everything is removed at the end except
 *       containers of {@code keep: true} steps.</li>
 *   <li>Registry auth: {@link dev.slipway.runner.exec.RunRequest#logins()} serve logins (checked before the first
 *       step), FROM pulls in builds, pulls of missing cmd images and pushes, matched by the image's registry host.
 *       A {@link dev.slipway.runner.exec.RegistryLogin#token} goes to dockerd as {@code registrytoken}, which
 *       dockerd sends to the registry as a bearer token as is.</li>
 *   <li>Every line reaching {@link dev.slipway.runner.exec.RunLog} (and every error text in the outcome) is masked:
 *       {@code RunRequest.masked()} values and login passwords/tokens become {@code *****}.</li>
 * </ul>
 */
package dev.slipway.runner.exec;
