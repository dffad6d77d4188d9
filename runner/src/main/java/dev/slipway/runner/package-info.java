/**
 * The task runner (Slipway's acb): a pipeline of pure stages — load, drop comment lines, aliases, render the Go
 * template, parse into immutable specs, validate, build the step DAG — and the Dockerfile dependency scanner.
 * Sub-packages: {@code template} (the Go text/template subset with Sprig functions), {@code spec} (task YAML model,
 * aliases, validation, DAG), {@code scan} (Dockerfile dependencies).
 */
package dev.slipway.runner;
