package dev.fmnist.pipeline;

import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.Prediction;
import dev.fmnist.contracts.Topics;
import dev.fmnist.contracts.json.JsonCodec;
import dev.fmnist.launcher.PipelineService;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

/**
 * Benchmark, not a test (its name keeps it out of the test run): images per second through inference-service and
 * predictions per second through evaluation-service, with one replica of each and then with two, on the real broker,
 * database and packaged services, side by side in one run. Run it with {@code pipeline-it/bench/scale.sh}; it prints
 * a Markdown table for docs/scaling.md.
 */
class ScaleOutBench {

    private static final int IMAGES = Integer.getInteger("bench.images", 20_000);
    private static final int PREDICTIONS = Integer.getInteger("bench.predictions", 100_000);

    @Test
    void imagesAndPredictionsPerSecondWithOneAndTwoReplicas() throws Exception {
        try (RunningPipeline pipeline = RunningPipeline.start("scale-bench-mlp");
                TopicRecorder recorder = new TopicRecorder(pipeline.platform().bootstrapServers())) {
            String bootstrap = pipeline.platform().bootstrapServers();
            String model = pipeline.result().modelId();
            StringBuilder table = new StringBuilder();
            table.append("| replicas | inference: images/s | evaluation: predictions/s |\n| --- | --- | --- |\n");
            double[] inference = new double[2];
            double[] evaluation = new double[2];
            for (int replicas = 1; replicas <= 2; replicas++) {
                if (replicas == 2) {
                    pipeline.services().startReplica(PipelineService.INFERENCE, "inference-2");
                    pipeline.services().startReplica(PipelineService.EVALUATION, "evaluation-2");
                    ConsumerGroupMembers.awaitMembersOwningPartitions(
                            bootstrap, "inference-service", Topics.IMAGES_INPUT, 2, Duration.ofMinutes(2));
                    ConsumerGroupMembers.awaitMembersOwningPartitions(
                            bootstrap, "evaluation-service", Topics.PREDICTIONS, 2, Duration.ofMinutes(2));
                }
                String run =
                        "bench" + replicas + "-" + UUID.randomUUID().toString().substring(0, 6);
                List<String> ids = ImageStream.ids(run, IMAGES);
                long start = System.nanoTime();
                try (ImageStream stream = new ImageStream(bootstrap)) {
                    stream.publish(ids, 0, ids.size(), false);
                }
                while (recorder.predictionsLike(run + "-").size() < IMAGES) {
                    Thread.sleep(100);
                }
                inference[replicas - 1] = IMAGES / seconds(start);

                String fake = "bench-model-" + run;
                long counted = publishPredictions(bootstrap, fake);
                start = System.nanoTime();
                while (recorder.newestEvaluation(fake) == null
                        || recorder.newestEvaluation(fake).count() < counted) {
                    Thread.sleep(100);
                }
                evaluation[replicas - 1] = counted / seconds(start);
                table.append(String.format(
                        Locale.ROOT,
                        "| %d | %.0f | %.0f |%n",
                        replicas,
                        inference[replicas - 1],
                        evaluation[replicas - 1]));
            }
            table.append(String.format(
                    Locale.ROOT,
                    "| ratio 2 / 1 | %.2f | %.2f |%n",
                    inference[1] / inference[0],
                    evaluation[1] / evaluation[0]));
            System.out.println("\nScale-out (" + Instant.now() + ", model " + model + ", " + IMAGES + " images, "
                    + PREDICTIONS + " predictions, " + Runtime.getRuntime().availableProcessors() + " cores):\n"
                    + table);
        }
    }

    /** Publishes labelled predictions of a made-up model (published before the clock starts); returns how many. */
    private static long publishPredictions(String bootstrap, String model) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        Random random = new Random(42);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < PREDICTIONS; i++) {
                int trueLabel = random.nextInt(FashionLabels.COUNT);
                int predicted = random.nextDouble() < 0.9 ? trueLabel : random.nextInt(FashionLabels.COUNT);
                double[] probabilities = new double[FashionLabels.COUNT];
                probabilities[predicted] = 1.0;
                String id = model + "-" + i;
                producer.send(new ProducerRecord<>(
                        Topics.PREDICTIONS,
                        id,
                        JsonCodec.toBytes(new Prediction(
                                id,
                                model,
                                1,
                                predicted,
                                FashionLabels.name(predicted),
                                probabilities,
                                trueLabel,
                                1.0,
                                Instant.now()))));
            }
            producer.flush();
        }
        return PREDICTIONS;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
