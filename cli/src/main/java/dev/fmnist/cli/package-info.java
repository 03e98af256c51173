/**
 * The {@code fmnist} command-line tool (plain picocli): {@link dev.fmnist.cli.FmnistCli} is the entry point and
 * lists the subcommands.
 */
package dev.fmnist.cli;
