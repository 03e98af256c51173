package dev.fmnist.launcher;

import dev.fmnist.platform.PlatformEndpoints;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A JVM that starts the (stand-in) services and then waits forever, for {@link ServiceLauncherTest} to kill outright.
 * Prints {@code PIDS <pid> <pid> ...} once they are ready.
 */
public final class LauncherOwner {

    private LauncherOwner() {}

    public static void main(String[] args) throws InterruptedException {
        Path project = Path.of(args[0]);
        LaunchSettings settings = LaunchSettings.of(
                        project,
                        project.resolve(".fmnist"),
                        PlatformEndpoints.of("localhost:1", "jdbc:postgresql://localhost:2/fmnist", "fmnist", "fmnist"))
                .withPorts(new ServicePorts(
                        Integer.parseInt(args[1]),
                        Integer.parseInt(args[2]),
                        Integer.parseInt(args[3]),
                        Integer.parseInt(args[4])))
                .withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(2));
        for (PipelineService service : PipelineService.values()) {
            settings = settings.withJavaOptions(service, List.of("-Xmx64m"));
        }
        RunningServices services = ServiceLauncher.start(settings);
        System.out.println("PIDS "
                + services.processes().stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(" ")));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
