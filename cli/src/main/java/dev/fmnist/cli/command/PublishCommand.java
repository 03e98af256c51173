package dev.fmnist.cli.command;

import dev.fmnist.cli.client.ImagePublisher;
import dev.fmnist.cli.client.IngestClient;
import dev.fmnist.cli.console.Format;
import dev.fmnist.cli.demo.Await;
import dev.fmnist.cli.options.KafkaOptions;
import dev.fmnist.cli.options.ServiceOptions;
import dev.fmnist.contracts.InputImage;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.api.ingest.ReplayState;
import dev.fmnist.contracts.image.GreyImageDecoder;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;

/** {@code fmnist publish}: images to {@code fmnist.images.input}, from files or by replaying a dataset split. */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        header = "Publish images to fmnist.images.input: PNG/JPEG files or folders, or a dataset split.",
        description = {
            "Files: each PNG or JPEG (folders: every .png/.jpg/.jpeg below them) is sent as an InputImage with the "
                    + "file in 'png' (inference-service decodes it to 28x28 grey), id = its path below the folder (the "
                    + "file name for a file), key = id. When the file's folder names a class (0-9 or a class name such "
                    + "as 'Ankle boot', 'ankle-boot', 'T-shirt_top') the image carries that label, so the evaluation "
                    + "counts it. Files that are not a readable PNG/JPEG are reported and skipped.",
            "",
            "Dataset: --dataset D --split S asks ingest-service to replay the split (with its labels and dataset ids), "
                    + "optionally at --rate images/s and at most --limit images, and follows it until it is done.",
            "",
            "Exit status 0 when everything was published, 1 otherwise."
        })
public final class PublishCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Parameters(paramLabel = "FILE|FOLDER", arity = "1..*", description = "PNG/JPEG files or folders of them.")
        List<Path> files;

        @ArgGroup(exclusive = false)
        Replay replay;
    }

    static final class Replay {
        @Option(
                names = "--dataset",
                required = true,
                paramLabel = "NAME|ID",
                description = "Dataset to replay (name or id).")
        String dataset;

        @Option(names = "--split", required = true, paramLabel = "SPLIT", description = "Split to replay, e.g. test.")
        String split;

        @Option(names = "--rate", paramLabel = "R", description = "Images per second (default: as fast as possible).")
        Double rate;

        @Option(names = "--limit", paramLabel = "N", description = "At most N images (default: the whole split).")
        Integer limit;
    }

    @Option(
            names = "--id-prefix",
            paramLabel = "PREFIX",
            defaultValue = "",
            description = "Prefix of the image ids of files (default: none).")
    String idPrefix;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ServiceOptions services;

    @Override
    public Integer call() throws IOException {
        return source.replay != null ? replay(source.replay) : publishFiles(source.files);
    }

    private int publishFiles(List<Path> arguments) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ImageFiles.ImageFile> files = ImageFiles.expand(arguments, idPrefix);
        if (files.isEmpty()) {
            err.println("no .png, .jpg or .jpeg file in " + arguments);
            return 1;
        }
        int refused = 0;
        int labelled = 0;
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (ImagePublisher publisher = new ImagePublisher(kafka.bootstrapServers())) {
            for (ImageFiles.ImageFile file : files) {
                byte[] bytes = Files.readAllBytes(file.file());
                try {
                    GreyImageDecoder.decode(bytes);
                } catch (RuntimeException e) {
                    err.println("skipped " + file.file() + ": not a readable PNG/JPEG (" + e.getMessage() + ")");
                    refused++;
                    continue;
                }
                sent.add(publisher.send(new InputImage(
                        file.id(), null, Base64.getEncoder().encodeToString(bytes), null, null, file.label())));
                if (file.label() != null) {
                    labelled++;
                }
                if (files.size() <= 20) {
                    out.println("  " + file.id() + (file.label() == null ? "" : "  (label " + file.label() + ")"));
                }
            }
            publisher.flush();
            for (Future<RecordMetadata> acknowledgement : sent) {
                ImagePublisher.await(acknowledgement, Duration.ofSeconds(30));
            }
        }
        out.println("Published " + Format.count(sent.size()) + " image" + (sent.size() == 1 ? "" : "s") + " ("
                + Format.count(labelled) + " labelled) to " + Topics.IMAGES_INPUT + " at " + kafka.bootstrapServers()
                + (refused == 0 ? "" : "; " + refused + " skipped") + ".");
        out.println("Watch the predictions: kcat -b " + kafka.bootstrapServers() + " -C -t " + Topics.PREDICTIONS
                + " -o end -f '%k %s\\n'");
        out.flush();
        return refused == 0 ? 0 : 1;
    }

    private int replay(Replay replay) {
        PrintWriter out = spec.commandLine().getOut();
        IngestClient ingest = services.urls().ingestClient();
        ReplayState started = ingest.replay(replay.dataset, replay.split, replay.rate, replay.limit);
        out.println("Replay " + started.id() + " of " + started.datasetId() + "/" + started.split() + " to "
                + Topics.IMAGES_INPUT + (replay.rate == null ? "" : " at " + replay.rate + " images/s") + " ...");
        out.flush();
        long[] lastPrinted = {System.nanoTime()};
        ReplayState state = Await.poll(Duration.ofDays(365), Duration.ofSeconds(1), () -> {
                    ReplayState now =
                            started.finished() ? started : ingest.replayState(started.datasetId(), started.id());
                    if (!now.finished() && System.nanoTime() - lastPrinted[0] > 5_000_000_000L) {
                        out.println("  " + Format.count(now.published()) + "/" + Format.count(Math.max(0, now.total()))
                                + " published");
                        out.flush();
                        lastPrinted[0] = System.nanoTime();
                    }
                    return Optional.of(now).filter(ReplayState::finished);
                })
                .orElseThrow(() -> new IllegalStateException("replay " + started.id() + " did not end within a year"));
        if (state.status() == ReplayState.Status.FAILED) {
            spec.commandLine().getErr().println("replay " + state.id() + " failed: " + state.error());
            return 1;
        }
        out.println("Published " + Format.count(state.published()) + " images of " + state.datasetId() + "/"
                + state.split() + ".");
        out.flush();
        return 0;
    }
}
