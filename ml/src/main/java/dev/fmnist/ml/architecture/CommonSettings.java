package dev.fmnist.ml.architecture;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters every architecture shares, read in one place:
 * <ul>
 *   <li>{@code optimizer}: {@code sgd}, {@code momentum} (Nesterov), {@code rmsprop}, {@code adam} (default)</li>
 *   <li>{@code momentum}: momentum of the {@code momentum} optimiser (0.9)</li>
 *   <li>{@code weightInit}: {@code he} or {@code xavier} (default depends on the activation)</li>
 *   <li>{@code l1}, {@code l2}: regularisation of the weights (0)</li>
 *   <li>{@code loss}: {@code crossentropy} (default) or {@code mse}, on a softmax output</li>
 *   <li>{@code lrSchedule}: {@code none} (default), {@code exponential} (times {@code lrDecay} each epoch),
 *       {@code step} (times {@code lrDecay} every {@code lrStepEpochs}), {@code cosine} (to near 0 at the last
 *       epoch), {@code onecycle} (stepped every batch: from {@code learningRate / lrStartDivisor} up to
 *       {@code learningRate} over the first {@code lrWarmupFraction} of the steps, then down to
 *       {@code learningRate / lrStartDivisor / lrEndDivisor}, both along a half cosine; with the {@code momentum}
 *       optimiser the momentum goes the other way, from {@code momentum} down to {@code momentumLow} and back)</li>
 *   <li>{@code lrStartDivisor} (25), {@code lrEndDivisor} (10,000), {@code lrWarmupFraction} (0.25),
 *       {@code momentumLow} (= {@code momentum}, i.e. no momentum cycle): the {@code onecycle} settings</li>
 * </ul>
 * The trainer's own options that any architecture accepts (label smoothing, augmentation) are read by
 * {@code TrainingSpec} and documented there.
 */
final class CommonSettings {

    static final List<String> ACTIVATIONS = List.of("relu", "leakyrelu", "tanh", "sigmoid");

    private CommonSettings() {}

    /** @return a builder with seed, FLOAT, optimiser, schedule, weight init and regularisation set */
    static NeuralNetConfiguration.Builder base(HyperParameters p, String activation) {
        String optimizer = p.getChoice("optimizer", "adam", List.of("sgd", "momentum", "rmsprop", "adam"));
        double momentum = optimizer.equals("momentum") ? p.getDouble("momentum", 0.9, 0.0, 0.999) : 0.0;
        String schedule =
                p.getChoice("lrSchedule", "none", List.of("none", "exponential", "step", "cosine", "onecycle"));
        ISchedule lr = schedule(p, schedule);
        ISchedule momentumCycle = null;
        if (schedule.equals("onecycle") && optimizer.equals("momentum")) {
            double low = p.getDouble("momentumLow", momentum, 0.0, 0.999);
            if (low != momentum) {
                momentumCycle = new OneCycleSchedule(
                        momentum, low, momentum, totalSteps(p), p.getDouble("lrWarmupFraction", 0.25, 0.0, 1.0));
            }
        }
        IUpdater updater =
                switch (optimizer) {
                    case "sgd" -> lr == null ? new Sgd(p.learningRate()) : new Sgd(lr);
                    case "momentum" ->
                        momentumCycle != null
                                ? new Nesterovs(lr, momentumCycle)
                                : lr == null ? new Nesterovs(p.learningRate(), momentum) : new Nesterovs(lr, momentum);
                    case "rmsprop" -> lr == null ? new RmsProp(p.learningRate()) : new RmsProp(lr);
                    default -> lr == null ? new Adam(p.learningRate()) : new Adam(lr);
                };
        boolean relu = activation.equals("relu") || activation.equals("leakyrelu");
        String init = p.getChoice("weightInit", relu ? "he" : "xavier", List.of("he", "xavier"));
        double l1 = p.getDouble("l1", 0.0, 0.0, 1.0);
        double l2 = p.getDouble("l2", 0.0, 0.0, 1.0);
        NeuralNetConfiguration.Builder builder = new NeuralNetConfiguration.Builder()
                .seed(p.seed())
                .dataType(DataType.FLOAT)
                .updater(updater)
                .weightInit(init.equals("he") ? WeightInit.RELU : WeightInit.XAVIER);
        if (l1 > 0) {
            builder.l1(l1);
        }
        if (l2 > 0) {
            builder.l2(l2);
        }
        return builder;
    }

    /** @return the DL4J activation called {@code name} (one of {@link #ACTIVATIONS}) */
    static Activation activation(String name) {
        return switch (name) {
            case "leakyrelu" -> Activation.LEAKYRELU;
            case "tanh" -> Activation.TANH;
            case "sigmoid" -> Activation.SIGMOID;
            default -> Activation.RELU;
        };
    }

    /** @return the softmax output layer with the chosen loss, dropping its inputs with probability {@code dropout} */
    static OutputLayer output(HyperParameters p, long nIn, double dropout) {
        String loss = p.getChoice("loss", "crossentropy", List.of("crossentropy", "mse"));
        OutputLayer.Builder output = new OutputLayer.Builder(
                        loss.equals("mse") ? LossFunctions.LossFunction.MSE : LossFunctions.LossFunction.MCXENT)
                .nIn(nIn)
                .nOut(10)
                .activation(Activation.SOFTMAX);
        if (dropout > 0) {
            output.dropOut(new Dropout(1.0 - dropout)); // DL4J takes the probability of keeping a unit
        }
        return output.build();
    }

    /** @return the training's optimiser steps (epochs × batches per epoch), at least 1 */
    private static int totalSteps(HyperParameters p) {
        return (int) Math.max(1L, Math.min(Integer.MAX_VALUE, (long) p.epochs() * p.batchesPerEpoch()));
    }

    private static ISchedule schedule(HyperParameters p, String schedule) {
        double lr = p.learningRate();
        return switch (schedule) {
            case "exponential" ->
                new ExponentialSchedule(ScheduleType.EPOCH, lr, p.getDouble("lrDecay", 0.9, 1e-6, 1.0));
            case "step" ->
                new StepSchedule(
                        ScheduleType.EPOCH,
                        lr,
                        p.getDouble("lrDecay", 0.5, 1e-6, 1.0),
                        p.getInt("lrStepEpochs", 5, 1, 10_000));
            case "cosine" -> {
                Map<Integer, Double> values = new HashMap<>();
                int epochs = Math.max(1, p.epochs());
                for (int e = 0; e < epochs; e++) {
                    values.put(e, lr * 0.5 * (1 + Math.cos(Math.PI * e / epochs)));
                }
                yield new MapSchedule(ScheduleType.EPOCH, values);
            }
            case "onecycle" -> {
                double startLr = lr / p.getDouble("lrStartDivisor", 25.0, 1.0, 1e6);
                double endLr = startLr / p.getDouble("lrEndDivisor", 1e4, 1.0, 1e9);
                yield new OneCycleSchedule(
                        startLr, lr, endLr, totalSteps(p), p.getDouble("lrWarmupFraction", 0.25, 0.0, 1.0));
            }
            default -> null;
        };
    }
}
