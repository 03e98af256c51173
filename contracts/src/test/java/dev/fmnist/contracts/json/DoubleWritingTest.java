package dev.fmnist.contracts.json;

import dev.fmnist.contracts.Prediction;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Doubles are written with Jackson's fast (Schubfach) writer: every value reads back as exactly the same double. */
class DoubleWritingTest {

    @Test
    void probabilitiesReadBackBitForBit() {
        Random random = new Random(17);
        double[] special = {
            0.0, 1.0, 0.1, 1e-7, 4.9e-324, Double.MAX_VALUE, 0.5760458111763, 2.0 / 3.0, 1e21, 123456.789
        };
        for (int round = 0; round < 2_000; round++) {
            double[] probabilities = new double[10];
            for (int c = 0; c < 10; c++) {
                probabilities[c] =
                        round == 0 ? special[c] : c % 2 == 0 ? random.nextDouble() : (double) random.nextFloat();
            }
            Prediction prediction = new Prediction(
                    "id-" + round,
                    "m",
                    1,
                    0,
                    "T-shirt/top",
                    probabilities,
                    null,
                    random.nextDouble() * 100,
                    Instant.ofEpochMilli(1_700_000_000_000L + round),
                    Prediction.PRODUCTION);
            Prediction back = JsonCodec.fromBytes(JsonCodec.toBytes(prediction), Prediction.class);
            assertThat(back.probabilities()).containsExactly(probabilities);
            assertThat(back.latencyMs()).isEqualTo(prediction.latencyMs());
        }
    }

    @Test
    void numbersLookAsBefore() {
        assertThat(JsonCodec.toJson(new double[] {0.5, 1.0, 0.0, 1e-7, 0.25})).isEqualTo("[0.5,1.0,0.0,1.0E-7,0.25]");
    }
}
