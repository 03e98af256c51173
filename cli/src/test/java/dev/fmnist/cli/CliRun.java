package dev.fmnist.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One in-process run of the {@code fmnist} command line, with what it printed.
 *
 * @param status exit status
 * @param out    standard output
 * @param err    standard error
 */
public record CliRun(int status, String out, String err) {

    /**
     * @param args command-line arguments
     * @return the run's status and output
     */
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = FmnistCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int status = commandLine.execute(args);
        return new CliRun(status, out.toString(), err.toString());
    }
}
