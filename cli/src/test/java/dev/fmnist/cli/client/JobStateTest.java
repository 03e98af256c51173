package dev.fmnist.cli.client;

import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.json.JsonCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /jobs/{id}} as this tool reads it, from a training-service that reports the promotion and from one that
 * does not.
 */
class JobStateTest {

    @Test
    void theJobCarriesThePromotionDecisionOnceItsModelIsRegistered() throws Exception {
        JobState job = JsonCodec.mapper().readValue("""
                        {"jobId":"j1","status":"COMPLETED","modelId":"m1","newField":1,
                         "promotion":{"status":"PRODUCTION","reason":"beats 0.8512 by 0.0297","more":true}}
                        """, JobState.class);

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.promotion()).isEqualTo(new JobState.Promotion(ModelStatus.PRODUCTION, "beats 0.8512 by 0.0297"));
    }

    @Test
    void withoutAPromotionFieldOrBeforeTheDecisionItIsNull() throws Exception {
        assertThat(JsonCodec.mapper()
                        .readValue("{\"jobId\":\"j1\",\"status\":\"RUNNING\"}", JobState.class)
                        .promotion())
                .isNull();
        assertThat(JsonCodec.mapper()
                        .readValue("{\"jobId\":\"j1\",\"status\":\"RUNNING\",\"promotion\":null}", JobState.class)
                        .promotion())
                .isNull();
    }
}
