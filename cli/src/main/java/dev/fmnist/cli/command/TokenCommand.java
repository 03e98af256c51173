package dev.fmnist.cli.command;

import dev.fmnist.cli.auth.OperatorTokens;
import dev.fmnist.cli.options.ProjectDirectory;
import dev.fmnist.launcher.OperatorKeys;
import dev.fmnist.platform.PlatformSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code fmnist token}: prints an operator token for curl and other HTTP clients. */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        header = "Print a bearer token for the services' mutating endpoints (role operator).",
        description = {
            "Signs a JWT (RS256; iss=fmnist, upn=the user, groups=[operator]) with the private key in .fmnist/keys/ "
                    + "and prints it alone on standard output. ingest-service and training-service, as started by "
                    + "fmnist demo, accept it for POST /datasets, POST /datasets/{id}/replay, POST /jobs, "
                    + "DELETE /jobs/{id}, POST /models/{id}/promote and POST /models/rollback.",
            "",
            "The key pair is made the first time (the private key readable by its owner only); services started by "
                    + "hand verify with MP_JWT_VERIFY_PUBLICKEY_LOCATION=file:$PWD/.fmnist/keys/jwt-public.pem.",
            "",
            "Example:  curl -H \"Authorization: Bearer $(./fmnist token)\" -X POST "
                    + "localhost:8082/models/<id>/promote"
        })
public final class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--ttl",
            defaultValue = "PT1H",
            paramLabel = "DURATION",
            description = "How long the token is valid, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    @Option(names = "--user", paramLabel = "NAME", description = "Who the token names (default: the OS user).")
    String user;

    @Option(names = "--keys", paramLabel = "DIR", description = "Key folder (default: .fmnist/keys of the project).")
    Path keyFolder;

    @Override
    public Integer call() {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new ParameterException(spec.commandLine(), "--ttl must be positive, not " + ttl);
        }
        Path folder = keyFolder != null
                ? keyFolder
                : OperatorKeys.folderOf(ProjectDirectory.resolve().resolve(PlatformSettings.LOCAL_DIRECTORY));
        boolean made = !OperatorKeys.in(folder).exist();
        OperatorKeys keys = OperatorKeys.ensure(folder);
        if (made) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("Made a new key pair in " + keys.folder() + "; services verify its tokens with "
                    + "MP_JWT_VERIFY_PUBLICKEY_LOCATION=" + keys.publicKeyLocation());
            err.flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(
                OperatorTokens.sign(keys.readPrivateKey(), user == null ? OperatorTokens.defaultUser() : user, ttl));
        out.flush();
        return 0;
    }
}
