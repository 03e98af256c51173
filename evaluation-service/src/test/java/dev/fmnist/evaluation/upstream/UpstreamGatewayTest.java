package dev.fmnist.evaluation.upstream;

import dev.fmnist.evaluation.upstream.StandInUpstream.Answer;
import dev.fmnist.evaluation.upstream.StandInUpstream.Received;
import dev.fmnist.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway over real HTTP on both sides: requests to {@code /api/training/…} and {@code /api/inference/…} arrive
 * at stand-in training and inference servers (the JDK's HTTP server, recording what it receives) with their path,
 * query, token and body; the stand-ins' answers come back unchanged; what is not allowed never reaches them; a
 * silent or closed upstream gives 502 naming it.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@TestProfile(StandIns.class)
class UpstreamGatewayTest {

    private static final String TOKEN = "Bearer eyJ0ZXN0Ijp0cnVlfQ.operator.sig";

    @Test
    void registryAndJobCallsReachTrainingWithTheirPathQueryTokenAndBody() {
        StandIns.training.answer(
                "/models/m-1/promote", Answer.json(200, "{\"modelId\": \"m-1\", \"status\": \"PRODUCTION\"}"));
        Response promoted = given().urlEncodingEnabled(false)
                .header("Authorization", TOKEN)
                .header("Cookie", "session=not-for-training")
                .header("X-Other", "dropped")
                .post("/api/training/models/m-1/promote?reason=better%20F1%20on%20shirts");
        assertThat(promoted.statusCode()).isEqualTo(200);
        assertThat(promoted.contentType()).isEqualTo("application/json");
        assertThat(promoted.asString()).isEqualTo("{\"modelId\": \"m-1\", \"status\": \"PRODUCTION\"}");
        Received promote = StandIns.training.last("/models/m-1/promote");
        assertThat(promote.method()).isEqualTo("POST");
        assertThat(promote.uri()).isEqualTo("/models/m-1/promote?reason=better%20F1%20on%20shirts");
        assertThat(promote.header("Authorization")).isEqualTo(TOKEN);
        assertThat(promote.headers()).doesNotContainKeys("cookie", "x-other");

        String job = "{\"jobId\": \"j-7\", \"architecture\": \"mlp\", \"epochs\": 2}";
        StandIns.training.answer(
                "/jobs",
                Answer.json(202, "{\"jobId\": \"j-7\", \"status\": \"QUEUED\"}")
                        .withHeader("Location", "http://training-service:8082/jobs/j-7"));
        Response submitted = given().header("Authorization", TOKEN)
                .contentType("application/json")
                .body(job.getBytes(StandardCharsets.UTF_8))
                .post("/api/training/jobs");
        assertThat(submitted.statusCode()).isEqualTo(202);
        assertThat(submitted.header("Location")).isEqualTo("http://training-service:8082/jobs/j-7");
        assertThat(submitted.asString()).isEqualTo("{\"jobId\": \"j-7\", \"status\": \"QUEUED\"}");
        Received submit = StandIns.training.last("/jobs");
        assertThat(submit.method()).isEqualTo("POST");
        assertThat(submit.header("Content-Type")).startsWith("application/json");
        assertThat(new String(submit.body(), StandardCharsets.UTF_8)).isEqualTo(job);

        StandIns.training.answer("/jobs", Answer.json(200, "[]"));
        given().get("/api/training/jobs?limit=5").then().statusCode(200);
        assertThat(StandIns.training.received()).extracting(Received::uri).contains("/jobs?limit=5");
        given().get("/api/training/architectures").then().statusCode(200);
        given().get("/api/training/datasets").then().statusCode(200);
        given().header("Authorization", TOKEN)
                .delete("/api/training/jobs/j-7")
                .then()
                .statusCode(200);
        assertThat(StandIns.training.last("/jobs/j-7").method()).isEqualTo("DELETE");
    }

    @Test
    void refusalsOfTheUpstreamComeBackUnchanged() {
        String unauthorized = "{\"status\":401,\"error\":\"Unauthorized\",\"reason\":\"a bearer token is required\"}";
        String conflict = "{\"status\":409,\"error\":\"Conflict\",\"reason\":\"no-previous: nothing to roll back to\","
                + "\"rule\":\"no-previous\"}";
        String badInclude = "{\"status\":400,\"error\":\"Bad Request\",\"reason\":\"include must be 'input'\"}";
        StandIns.training.answer("/models/m-2/promote", Answer.json(401, unauthorized));
        StandIns.training.answer("/models/rollback", Answer.json(409, conflict));
        StandIns.inference.answer("/predict", Answer.json(400, badInclude));

        Response refused = given().post("/api/training/models/m-2/promote");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.contentType()).isEqualTo("application/json");
        assertThat(refused.asString()).isEqualTo(unauthorized);
        assertThat(StandIns.training.last("/models/m-2/promote").header("Authorization"))
                .as("no token sent, none invented")
                .isNull();

        Response conflicting = given().header("Authorization", TOKEN).post("/api/training/models/rollback");
        assertThat(conflicting.statusCode()).isEqualTo(409);
        assertThat(conflicting.asString()).isEqualTo(conflict);

        Response bad = given().contentType("image/png")
                .body(new byte[] {1, 2, 3})
                .post("/api/inference/predict?include=everything");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.asString()).isEqualTo(badInclude);
        assertThat(StandIns.inference.last("/predict").uri()).isEqualTo("/predict?include=everything");
    }

    @Test
    void anImageUploadReachesInferenceAsSentWhateverItsForm() {
        StandIns.inference.answer("/predict", Answer.json(200, "{\"id\": \"shoe-1\", \"label\": 7}"));
        // larger than the 64 KiB the service's own API would need, within inference's own 2 MiB
        byte[] image = new byte[300_000];
        new Random(13).nextBytes(image);

        Response raw = given().header("Expect", "100-continue")
                .config(RestAssured.config()
                        .encoderConfig(EncoderConfig.encoderConfig()
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("image/png")
                .body(image)
                .post("/api/inference/predict?id=shoe-1&label=7&include=input");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.asString()).isEqualTo("{\"id\": \"shoe-1\", \"label\": 7}");
        Received png = StandIns.inference.last("/predict");
        assertThat(png.uri()).isEqualTo("/predict?id=shoe-1&label=7&include=input");
        assertThat(png.header("Content-Type")).isEqualTo("image/png");
        assertThat(png.body()).isEqualTo(image);

        Response upload = given().multiPart("file", "shoe.png", image, "image/png")
                .multiPart("id", "shoe-2")
                .post("/api/inference/predict?include=input");
        assertThat(upload.statusCode()).isEqualTo(200);
        Received form = StandIns.inference.last("/predict");
        assertThat(form.header("Content-Type")).startsWith("multipart/form-data; boundary=");
        String boundary = form.header("Content-Type").substring("multipart/form-data; boundary=".length());
        String sent = new String(form.body(), StandardCharsets.ISO_8859_1);
        assertThat(sent).startsWith("--" + boundary).contains("name=\"id\"").contains("shoe-2");
        assertThat(sent).contains(new String(image, StandardCharsets.ISO_8859_1));

        String json = "{\"id\": \"json-1\", \"pixels\": \"AAAA\"}";
        given().contentType("application/json")
                .body(json)
                .post("/api/inference/predict")
                .then()
                .statusCode(200);
        assertThat(new String(StandIns.inference.last("/predict").body(), StandardCharsets.UTF_8))
                .isEqualTo(json);

        given().get("/api/inference/model").then().statusCode(200);
        assertThat(StandIns.inference.last("/model").method()).isEqualTo("GET");
    }

    @Test
    void whatIsNotAllowedIsRefusedAndNeverReachesTheUpstream() {
        int trainingSeen = StandIns.training.received().size();
        int inferenceSeen = StandIns.inference.received().size();

        for (String path : new String[] {
            "/api/training/q/metrics",
            "/api/training/models/m-1/artifact",
            "/api/training/jobs/%2e%2e",
            "/api/training/jobs/a%2Fb",
            "/api/training/",
            "/api/inference/q/health"
        }) {
            Response missing = given().urlEncodingEnabled(false).get(path);
            assertThat(missing.statusCode()).as(path).isEqualTo(404);
            assertThat(missing.contentType()).as(path).isEqualTo("application/json");
            assertThat(missing.jsonPath().getInt("status")).isEqualTo(404);
            assertThat(missing.jsonPath().getString("error")).isEqualTo("Not Found");
            assertThat(missing.jsonPath().getString("reason"))
                    .as(path)
                    .contains("is not a call the gateway passes on to");
        }

        Response put = given().body("{}").contentType("application/json").put("/api/training/jobs/j-1");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.header("Allow")).isEqualTo("DELETE, GET");
        assertThat(put.jsonPath().getString("error")).isEqualTo("Method Not Allowed");
        assertThat(put.jsonPath().getString("reason"))
                .isEqualTo("PUT /api/training/jobs/j-1: the gateway to training-service allows only DELETE, GET "
                        + "on this path");
        Response getPredict = given().get("/api/inference/predict");
        assertThat(getPredict.statusCode()).isEqualTo(405);
        assertThat(getPredict.header("Allow")).isEqualTo("POST");

        assertThat(StandIns.training.received()).hasSize(trainingSeen);
        assertThat(StandIns.inference.received()).hasSize(inferenceSeen);
    }

    @Test
    void aSilentOrClosedUpstreamGives502NamingItsServiceAndUrl() {
        StandIns.training.answer("/jobs/slow", Answer.json(200, "{}").after(Duration.ofSeconds(3)));
        Response silent = given().get("/api/training/jobs/slow");
        assertThat(silent.statusCode()).isEqualTo(502);
        assertThat(silent.contentType()).isEqualTo("application/json");
        assertThat(silent.jsonPath().getString("error")).isEqualTo("Bad Gateway");
        assertThat(silent.jsonPath().getString("reason"))
                .isEqualTo("training-service at " + StandIns.training.url() + " did not answer within 1s");

        StandIns.inference.close();
        try {
            Response closed =
                    given().contentType("image/png").body(new byte[100]).post("/api/inference/predict");
            assertThat(closed.statusCode()).isEqualTo(502);
            assertThat(closed.jsonPath().getInt("status")).isEqualTo(502);
            assertThat(closed.jsonPath().getString("reason"))
                    .startsWith("inference-service at " + StandIns.inference.url() + " is unreachable: ");
        } finally {
            StandIns.inference.open();
        }
        given().get("/api/inference/model").then().statusCode(200);
    }
}
