package dev.fmnist.cli.demo;

import dev.fmnist.cli.console.Format;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.api.ingest.DatasetView;
import dev.fmnist.contracts.api.training.ModelVersion;

import java.nio.file.Path;

/** The demo's one-line descriptions of datasets and models, and its help for a machine without the data. */
public final class DemoText {

    private DemoText() {}

    /** @return what a user without the data package can do: the three ways to the four official files */
    public static String howToGetTheData(Path downloadFolder) {
        return String.join(
                System.lineSeparator(),
                "Get the four official Fashion-MNIST files one of these ways, then run ./fmnist demo again:",
                "  1. install the Debian package:  apt-get install dataset-fashion-mnist",
                "  2. or copy train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and"
                        + " t10k-labels-idx1-ubyte.gz",
                "     (https://github.com/zalandoresearch/fashion-mnist) into " + downloadFolder + "/",
                "  3. or pass a folder that holds them:  ./fmnist demo --data-dir DIR");
    }

    /** @return {@code fashion-mnist-0123456789ab: train 60,000, test 10,000} */
    public static String describe(DatasetView dataset) {
        StringBuilder text = new StringBuilder(dataset.id());
        if (dataset.splits() != null && !dataset.splits().isEmpty()) {
            text.append(": ");
            text.append(String.join(
                    ", ",
                    dataset.splits().stream()
                            .map(s -> s.split() + " " + Format.count(s.count()))
                            .toList()));
        }
        return text.toString();
    }

    /** @return {@code fmnist-mlp-v1-1a2b3c4d (mlp, PRODUCTION, test accuracy 88.12%, macro-F1 0.8801)} */
    public static String describe(ModelVersion model) {
        return describe(model, model.status());
    }

    static String describe(ModelVersion model, ModelStatus status) {
        StringBuilder text = new StringBuilder(model.modelId())
                .append(" (")
                .append(model.architecture())
                .append(", ")
                .append(status);
        if (model.test() != null) {
            text.append(", test accuracy ")
                    .append(Format.percent(model.test().accuracy()))
                    .append(", macro-F1 ")
                    .append(Format.ratio(model.test().macroF1()));
        }
        return text.append(")").toString();
    }
}
