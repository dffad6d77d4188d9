/**
 * The task file as data: {@code acr-task.yaml} parsed into immutable specs with acb's defaults, checked with acb's
 * rules, and arranged into the step graph an executor walks. Every stage is a pure function of its input:
 * {@link dev.slipway.runner.spec.Comments} and {@link dev.slipway.runner.spec.Aliases} work on text,
 * {@link dev.slipway.runner.spec.TaskParser} reads YAML, {@link dev.slipway.runner.spec.Validator} checks,
 * {@link dev.slipway.runner.spec.Dag} orders; {@link dev.slipway.runner.spec.TaskFile} runs them in acb's order with
 * the template engine passed in. Alias files and the engine come from the caller, so nothing here does I/O.
 *
 * <p>Behaviour and messages follow Azure/acr-builder (graph/, pkg/volume/, secretmgmt/); where Slipway differs,
 * the class says so.
 */
package dev.slipway.runner.spec;
