package dev.fmnist.evaluation.promotion;

import java.io.IOException;

/** The model registry's promote call (training-service's {@code POST /models/{id}/promote}). */
public interface ModelRegistryApi {

    /**
     * @param modelId the model to put in production
     * @param reason  recorded in its status history
     * @return the registry's answer
     * @throws IOException when no answer came
     */
    Answer promote(String modelId, String reason) throws IOException;

    /**
     * An HTTP answer.
     *
     * @param status its status code
     * @param body   its body (an ApiError's JSON when refused)
     */
    record Answer(int status, String body) {

        /** @return a 2xx answer */
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** @return whether asking again later may succeed (5xx, 408, 429) */
        public boolean worthRetrying() {
            return status >= 500 || status == 408 || status == 429;
        }
    }
}
