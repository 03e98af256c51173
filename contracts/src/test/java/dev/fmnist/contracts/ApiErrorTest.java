package dev.fmnist.contracts;

import dev.fmnist.contracts.json.JsonCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiErrorTest {

    @Test
    void aRefusalByARuleNamesTheRuleAndKeepsTheWholeReason() {
        ApiError error = ApiError.refusal(400, "invalid-pixels: 'pixels' decodes to 3 bytes; 784 (28x28) are required");

        assertThat(error)
                .isEqualTo(new ApiError(
                        400,
                        "Bad Request",
                        "invalid-pixels: 'pixels' decodes to 3 bytes; 784 (28x28) are required",
                        "invalid-pixels"));
        assertThat(JsonCodec.toJson(error))
                .isEqualTo("{\"status\":400,\"error\":\"Bad Request\",\"reason\":"
                        + "\"invalid-pixels: 'pixels' decodes to 3 bytes; 784 (28x28) are required\","
                        + "\"rule\":\"invalid-pixels\"}");
    }

    @Test
    void anErrorWithoutARuleLeavesRuleOutOfTheJson() {
        ApiError error = ApiError.of(404, "no dataset with id or name 'nope'");

        assertThat(error.rule()).isNull();
        assertThat(JsonCodec.toJson(error))
                .isEqualTo("{\"status\":404,\"error\":\"Not Found\",\"reason\":\"no dataset with id or name 'nope'\"}");
        assertThat(JsonCodec.fromJson(JsonCodec.toJson(error), ApiError.class)).isEqualTo(error);
    }

    @Test
    void aReasonThatDoesNotStartWithARuleCodeHasNoRule() {
        assertThat(ApiError.refusal(503, "Kafka: broker down").rule()).isNull();
        assertThat(ApiError.refusal(409, "job j-1 already ended as COMPLETED").rule())
                .isNull();
        assertThat(ApiError.refusal(503, "no-model: no model is in production yet")
                        .rule())
                .isEqualTo("no-model");
    }

    @Test
    void theErrorIsTheReasonPhraseOfTheStatus() {
        assertThat(ApiError.of(413, "too big").error()).isEqualTo("Content Too Large");
        assertThat(ApiError.of(422, "corrupt").error()).isEqualTo("Unprocessable Content");
        assertThat(ApiError.of(503, "down").error()).isEqualTo("Service Unavailable");
        assertThat(ApiError.of(418, "teapot").error()).isEqualTo("Client Error");
    }
}
