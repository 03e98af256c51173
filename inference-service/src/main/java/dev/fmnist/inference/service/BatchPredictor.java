package dev.fmnist.inference.service;

import dev.fmnist.contracts.DecodedImage;
import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Rejection;
import dev.fmnist.contracts.json.Decoded;
import dev.fmnist.contracts.validation.InputImageValidator;
import dev.fmnist.inference.model.ServingModel;
import dev.fmnist.kit.Isolation;
import dev.fmnist.ml.Classifier;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a batch of input records into predictions: every record is checked with the contract's
 * {@link InputImageValidator} (raw pixels or PNG/JPEG, decoded to 28×28 grey levels), the accepted images go
 * through one batched forward pass of the given model (which applies its own normalisation and layout), and every
 * refused record becomes a Rejection without affecting the others. Should the forward pass fail on a batch, the
 * records that fail on their own are isolated ({@link Isolation}) and refused ({@code processing-failed}); the rest
 * is predicted. Production predictions carry role {@code production}.
 *
 * <p>{@link #shadow} then scores the same accepted images with each model in shadow (role {@code shadow}, same
 * {@code trueLabel}); a model in shadow that fails on the batch loses only its own predictions of it.
 */
public final class BatchPredictor {

    private static final Logger LOG = Logger.getLogger(BatchPredictor.class);

    private final InputImageValidator validator;
    private final Clock clock;

    public BatchPredictor(InputImageValidator validator, Clock clock) {
        this.validator = validator;
        this.clock = clock;
    }

    /**
     * @param records input records, in order
     * @param model   the model the whole batch is predicted with
     * @return one Prediction or Rejection per record
     */
    public BatchOutcome predict(List<InputRecord> records, ServingModel model) {
        List<BatchOutcome> parts = new ArrayList<>(1);
        List<Isolation.Failure<InputRecord>> failures =
                Isolation.isolate(records, part -> parts.add(predictAll(part, model)));
        if (failures.isEmpty() && parts.size() == 1) {
            return parts.get(0);
        }
        List<Prediction> predictions = new ArrayList<>(records.size());
        List<Rejection> rejections = new ArrayList<>();
        List<BatchOutcome.Accepted> accepted = new ArrayList<>(records.size());
        long forwardNanos = 0;
        for (BatchOutcome part : parts) {
            predictions.addAll(part.predictions());
            rejections.addAll(part.rejections());
            accepted.addAll(part.accepted());
            forwardNanos += part.forwardNanos();
        }
        for (Isolation.Failure<InputRecord> failure : failures) {
            InputRecord record = failure.item();
            LOG.errorf(
                    failure.cause(),
                    "Could not predict a record of %s (key %s); it is refused",
                    record.topic(),
                    record.key());
            rejections.add(Rejection.of(
                    record.topic(),
                    record.key(),
                    Isolation.reason(failure.cause()),
                    record.value(),
                    validator.service()));
        }
        return new BatchOutcome(predictions, rejections, forwardNanos, accepted);
    }

    /**
     * Scores the images {@code production} accepted with each model in shadow, one forward pass per model.
     *
     * @param production the batch as the production model predicted it
     * @param shadows    the models in shadow
     * @return one result per model, in order; a model that threw has no predictions and its failure
     */
    public List<ShadowResult> shadow(BatchOutcome production, List<ServingModel> shadows) {
        List<ShadowResult> results = new ArrayList<>(shadows.size());
        if (production.accepted().isEmpty()) {
            return results;
        }
        List<DecodedImage> images = new ArrayList<>(production.accepted().size());
        List<Instant> arrivals = new ArrayList<>(production.accepted().size());
        for (BatchOutcome.Accepted accepted : production.accepted()) {
            images.add(accepted.image());
            arrivals.add(accepted.arrivedAt());
        }
        for (ServingModel model : shadows) {
            try {
                BatchOutcome scored = classify(images, arrivals, List.of(), model, Prediction.SHADOW);
                results.add(new ShadowResult(model, scored.predictions(), null, scored.forwardNanos()));
            } catch (RuntimeException e) {
                results.add(new ShadowResult(model, List.of(), e, 0));
            }
        }
        return results;
    }

    private BatchOutcome predictAll(List<InputRecord> records, ServingModel model) {
        List<DecodedImage> accepted = new ArrayList<>(records.size());
        List<Instant> arrivals = new ArrayList<>(records.size());
        List<Rejection> rejections = new ArrayList<>();
        for (InputRecord record : records) {
            Decoded<DecodedImage> decoded = validate(record);
            if (decoded.isAccepted()) {
                accepted.add(decoded.value());
                arrivals.add(record.arrivedAt());
            } else {
                rejections.add(decoded.rejection());
            }
        }
        return classify(accepted, arrivals, rejections, model, Prediction.PRODUCTION);
    }

    /**
     * @param record one input record
     * @return the decoded image, or the rejection naming the broken rule
     */
    public Decoded<DecodedImage> validate(InputRecord record) {
        return validator.validate(record.topic(), record.key(), record.value());
    }

    /**
     * @param image     an accepted image
     * @param arrivedAt when it arrived
     * @param model     the model to predict with
     * @return the image's prediction, with the time the forward pass took
     */
    public BatchOutcome predict(DecodedImage image, Instant arrivedAt, ServingModel model) {
        return classify(List.of(image), List.of(arrivedAt), List.of(), model, Prediction.PRODUCTION);
    }

    private BatchOutcome classify(
            List<DecodedImage> accepted,
            List<Instant> arrivals,
            List<Rejection> rejections,
            ServingModel model,
            String role) {
        if (accepted.isEmpty()) {
            return new BatchOutcome(List.of(), rejections, 0);
        }
        List<byte[]> pixels = new ArrayList<>(accepted.size());
        for (DecodedImage image : accepted) {
            pixels.add(image.pixels());
        }
        long start = System.nanoTime();
        double[][] probabilities = model.classifier().predictProbabilities(pixels);
        long forwardNanos = System.nanoTime() - start;
        Instant now = clock.instant();
        if (probabilities.length != accepted.size()) {
            throw new IllegalStateException("model " + model.modelId() + " answered " + probabilities.length
                    + " predictions for " + accepted.size() + " images");
        }
        List<Prediction> predictions = new ArrayList<>(accepted.size());
        List<BatchOutcome.Accepted> kept = new ArrayList<>(accepted.size());
        for (int i = 0; i < accepted.size(); i++) {
            predictions.add(prediction(accepted.get(i), probabilities[i], model, arrivals.get(i), now, role));
            kept.add(new BatchOutcome.Accepted(accepted.get(i), arrivals.get(i)));
        }
        return new BatchOutcome(predictions, rejections, forwardNanos, kept);
    }

    private static Prediction prediction(
            DecodedImage image,
            double[] probabilities,
            ServingModel model,
            Instant arrivedAt,
            Instant now,
            String role) {
        int label = Classifier.argMax(probabilities);
        double latencyMs = arrivedAt == null
                ? 0.0
                : Math.max(0.0, Duration.between(arrivedAt, now).toNanos() / 1_000_000.0);
        return new Prediction(
                image.id(),
                model.modelId(),
                model.version(),
                label,
                FashionLabels.name(label),
                probabilities,
                image.label(),
                latencyMs,
                now,
                role);
    }
}
