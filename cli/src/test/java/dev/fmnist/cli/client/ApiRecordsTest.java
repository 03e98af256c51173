package dev.fmnist.cli.client;

import dev.fmnist.contracts.JobStatus;
import dev.fmnist.contracts.ModelStatus;
import dev.fmnist.contracts.api.ingest.DatasetStatus;
import dev.fmnist.contracts.api.ingest.DatasetView;
import dev.fmnist.contracts.api.training.JobView;
import dev.fmnist.contracts.api.training.ModelEntry;
import dev.fmnist.contracts.api.training.Promotion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services' answers as this tool reads them into the shared API records: from a training-service that reports
 * the promotion and from one that does not, and from services that send fields this tool does not know.
 */
class ApiRecordsTest {

    @Test
    void theJobCarriesThePromotionDecisionOnceItsModelIsRegistered() throws Exception {
        JobView job = HttpJson.MAPPER.readValue("""
                        {"jobId":"j1","status":"COMPLETED","modelId":"m1","newField":1,
                         "promotion":{"status":"PRODUCTION","reason":"beats 0.8512 by 0.0297","more":true}}
                        """, JobView.class);

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.finished()).isTrue();
        assertThat(job.promotion()).isEqualTo(new Promotion(ModelStatus.PRODUCTION, "beats 0.8512 by 0.0297"));
    }

    @Test
    void withoutAPromotionFieldOrBeforeTheDecisionItIsNull() throws Exception {
        assertThat(HttpJson.MAPPER
                        .readValue("{\"jobId\":\"j1\",\"status\":\"RUNNING\"}", JobView.class)
                        .promotion())
                .isNull();
        assertThat(HttpJson.MAPPER
                        .readValue("{\"jobId\":\"j1\",\"status\":\"RUNNING\",\"promotion\":null}", JobView.class)
                        .promotion())
                .isNull();
    }

    @Test
    void unknownFieldsOfModelsAndDatasetsAreIgnored() throws Exception {
        ModelEntry entry = HttpJson.MAPPER.readValue("""
                        {"model":{"modelId":"m1","version":2,"status":"PRODUCTION","future":{"x":1},
                                  "test":{"count":10000,"accuracy":0.88,"macroF1":0.87,"extra":[1]}},
                         "artifactUrl":"http://x/models/m1/artifact","later":"field"}
                        """, ModelEntry.class);
        DatasetView dataset = HttpJson.MAPPER.readValue("""
                        {"id":"fashion-mnist-0123456789ab","status":"READY","unknown":true,
                         "splits":[{"split":"test","count":10000,"rejected":0,"new":1}]}
                        """, DatasetView.class);

        assertThat(entry.model().status()).isEqualTo(ModelStatus.PRODUCTION);
        assertThat(entry.model().test().accuracy()).isEqualTo(0.88);
        assertThat(entry.history()).isNull();
        assertThat(dataset.status()).isEqualTo(DatasetStatus.READY);
        assertThat(dataset.split("test"))
                .get()
                .extracting(DatasetView.SplitView::count)
                .isEqualTo(10000L);
        assertThat(dataset.split("train")).isEmpty();
    }
}
