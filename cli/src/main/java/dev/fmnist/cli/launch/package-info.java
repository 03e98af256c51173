/**
 * Starts the four packaged services ({@code <module>/target/quarkus-app/quarkus-run.jar}) as child processes of the
 * CLI, waits for their readiness checks, and stops them again: {@link dev.fmnist.cli.launch.ServiceLauncher}. Used by
 * {@code fmnist demo} and by the whole-pipeline integration test.
 */
package dev.fmnist.cli.launch;
