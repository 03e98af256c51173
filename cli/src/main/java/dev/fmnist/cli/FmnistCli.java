package dev.fmnist.cli;

import dev.fmnist.cli.command.CompareCommand;
import dev.fmnist.cli.command.DemoCommand;
import dev.fmnist.cli.command.EvalCommand;
import dev.fmnist.cli.command.ModelsCommand;
import dev.fmnist.cli.command.PromoteCommand;
import dev.fmnist.cli.command.PublishCommand;
import dev.fmnist.cli.command.RollbackCommand;
import dev.fmnist.cli.command.SearchCommand;
import dev.fmnist.cli.command.ShadowCommand;
import dev.fmnist.cli.command.StatusCommand;
import dev.fmnist.cli.command.TokenCommand;
import dev.fmnist.cli.command.TrainCommand;
import dev.fmnist.cli.command.UnshadowCommand;
import dev.fmnist.cli.command.UpCommand;
import dev.fmnist.cli.console.Logging;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code fmnist} command. Each subcommand is one class in {@link dev.fmnist.cli.command}; adding one is adding
 * its class to {@code subcommands} below.
 */
@Command(
        name = "fmnist",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        sortOptions = false,
        header = "Event-driven Fashion-MNIST pipeline: Kafka + PostgreSQL + four Quarkus services.",
        usageHelpAutoWidth = true,
        description = {
            "",
            "Run everything, end to end, with @|bold fmnist demo|@ (Ctrl-C stops it all). "
                    + "Start the infrastructure alone with @|bold fmnist up|@, check it with @|bold fmnist status|@. "
                    + "Kafka listens on localhost:9092, PostgreSQL on localhost:5432 (database, user and password: "
                    + "fmnist), the services on 8081 (ingest), 8082 (training), 8083 (inference) and 8084 "
                    + "(evaluation, with the dashboard).",
            ""
        },
        subcommands = {
            DemoCommand.class,
            UpCommand.class,
            StatusCommand.class,
            PublishCommand.class,
            TrainCommand.class,
            SearchCommand.class,
            ModelsCommand.class,
            PromoteCommand.class,
            RollbackCommand.class,
            ShadowCommand.class,
            UnshadowCommand.class,
            CompareCommand.class,
            EvalCommand.class,
            TokenCommand.class,
            CommandLine.HelpCommand.class
        },
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  KAFKA_BOOTSTRAP_SERVERS  Kafka (localhost:9092)",
            "  FMNIST_DB_URL            JDBC URL (jdbc:postgresql://localhost:5432/fmnist)",
            "  FMNIST_DB_USER           database user (fmnist)",
            "  FMNIST_DB_PASSWORD       database password (fmnist)",
            "  FMNIST_INGEST_URL ...    ingest-service (http://localhost:8081); likewise FMNIST_TRAINING_URL,",
            "                           FMNIST_INFERENCE_URL, FMNIST_EVALUATION_URL (8082, 8083, 8084)",
            "  FMNIST_HOME              project directory (data in $FMNIST_HOME/.fmnist)",
            "  FMNIST_TOKEN             bearer token for mutations (default: one signed with .fmnist/keys/)",
            "",
            "Run 'fmnist help <command>' for a command's options."
        })
public final class FmnistCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Show library logs and stack traces.")
    void verbose(boolean verbose) {
        Logging.verbose(verbose);
    }

    /** Without a subcommand: print the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The command line, ready to execute (used by {@link #main} and by tests).
     *
     * @return a configured picocli command line
     */
    public static CommandLine commandLine() {
        Logging.configure();
        CommandLine commandLine = new CommandLine(new FmnistCli());
        commandLine.setExecutionExceptionHandler(new ErrorReporter());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        for (CommandLine command : commandLine.getSubcommands().values()) {
            if (command.getCommand() instanceof java.util.concurrent.Callable<?>) {
                // every fmnist command: options in declaration order, usage as wide as the terminal
                command.getCommandSpec().usageMessage().sortOptions(false).autoWidth(true);
            }
        }
        return commandLine;
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
