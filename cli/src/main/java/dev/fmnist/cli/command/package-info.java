/**
 * One class per {@code fmnist} subcommand ({@code up}, {@code status}; {@code demo}, {@code publish},
 * {@code train}, {@code search}, {@code models}, {@code promote}, {@code rollback}, {@code shadow}, {@code unshadow}, {@code compare} and
 * {@code eval} join the same way): a
 * {@code @Command} that implements {@code Callable<Integer>} (the exit status), mixes in the option groups of
 * {@link dev.fmnist.cli.options} it needs, prints through {@code spec.commandLine().getOut()}, and is listed in
 * {@link dev.fmnist.cli.FmnistCli}'s {@code subcommands}.
 */
package dev.fmnist.cli.command;
