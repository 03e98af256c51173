package dev.fmnist.cli;

import dev.fmnist.cli.console.Logging;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Prints a failing command's error as one line (the stack trace only with {@code --verbose}); exit status 1. */
final class ErrorReporter implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        var err = commandLine.getErr();
        err.println(commandLine.getColorScheme().errorText("error: " + message(exception)));
        if (Logging.isVerbose()) {
            exception.printStackTrace(err);
        } else {
            err.println("(run again with --verbose for details)");
        }
        err.flush();
        return 1;
    }

    private static String message(Throwable exception) {
        Throwable cause = exception;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
