package dev.fmnist.training;

import dev.fmnist.contracts.Topics;
import dev.fmnist.testing.OperatorTokens;
import dev.fmnist.testing.PlatformTestResource;
import dev.fmnist.testing.SharedTestPlatform;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;

/**
 * Every mutation of training-service needs a bearer token, signed by the trusted key and issuer, whose groups name
 * {@code operator}: without one 401, with a valid one but another role 403, both with the house's error body; the
 * request then has no effect. (The operator's success paths are {@link TrainingServiceTest}'s, which send a token.)
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class MutationSecurityTest {

    static final Map<String, Object> JOB = Map.of(
            "jobId", "unauthorized-job", "dataset", "fashion-mnist-mini", "architecture", "softmax", "epochs", 1);

    /** One mutating endpoint: how to call it with a prepared request. */
    record Mutation(String name, Function<RequestSpecification, io.restassured.response.Response> call) {}

    static final List<Mutation> MUTATIONS = List.of(
            new Mutation(
                    "POST /jobs", r -> r.contentType(ContentType.JSON).body(JOB).post("/jobs")),
            new Mutation("DELETE /jobs/{id}", r -> r.delete("/jobs/unauthorized-job")),
            new Mutation("POST /models/{id}/promote", r -> r.post("/models/no-such-model/promote")),
            new Mutation("POST /models/rollback", r -> r.post("/models/rollback")),
            new Mutation("POST /models/{id}/shadow", r -> r.post("/models/no-such-model/shadow")),
            new Mutation("DELETE /models/{id}/shadow", r -> r.delete("/models/no-such-model/shadow")));

    static KafkaTestClient kafka;

    @AfterAll
    static void close() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void withoutATokenEveryMutationIs401WithABearerChallenge() {
        for (Mutation mutation : MUTATIONS) {
            mutation.call()
                    .apply(given())
                    .then()
                    .statusCode(401)
                    .header("WWW-Authenticate", "Bearer")
                    .body("status", equalTo(401))
                    .body("error", equalTo("Unauthorized"))
                    .body("reason", startsWith("authentication required"));
        }
    }

    @Test
    void aTokenThatDoesNotVerifyIs401() {
        Map<String, Supplier<String>> invalid = Map.of(
                "signed by another key", OperatorTokens::foreign,
                "expired", OperatorTokens::expired,
                "from another issuer", OperatorTokens::otherIssuer,
                "not a JWT", () -> "not-a-jwt");
        invalid.forEach((why, token) -> {
            for (Mutation mutation : MUTATIONS) {
                int status = mutation.call()
                        .apply(given().auth().oauth2(token.get()))
                        .statusCode();
                assertThat(status)
                        .as("%s with a token %s", mutation.name(), why)
                        .isEqualTo(401);
            }
        });
    }

    @Test
    void aValidTokenWithoutTheOperatorRoleIs403() {
        for (Mutation mutation : MUTATIONS) {
            mutation.call()
                    .apply(given().auth().oauth2(OperatorTokens.viewer()))
                    .then()
                    .statusCode(403)
                    .body("status", equalTo(403))
                    .body("error", equalTo("Forbidden"))
                    .body("reason", equalTo("forbidden: this endpoint needs the role 'operator'"));
        }
    }

    @Test
    void refusedCallsHaveNoEffectAndReadsStayOpen() {
        given().contentType(ContentType.JSON).body(JOB).post("/jobs").then().statusCode(401);
        given().auth()
                .oauth2(OperatorTokens.viewer())
                .contentType(ContentType.JSON)
                .body(JOB)
                .post("/jobs")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(OperatorTokens.foreign())
                .contentType(ContentType.JSON)
                .body(JOB)
                .post("/jobs")
                .then()
                .statusCode(401);

        kafka = new KafkaTestClient(SharedTestPlatform.get().bootstrapServers());
        assertThat(kafka.readAll(Topics.TRAINING_JOBS)).noneMatch(r -> "unauthorized-job".equals(r.key()));
        given().get("/jobs/unauthorized-job").then().statusCode(404);

        // reads need no token; a bad token on a read is ignored (authentication is lazy)
        given().get("/jobs").then().statusCode(200);
        given().get("/models").then().statusCode(200);
        given().auth()
                .oauth2(OperatorTokens.foreign())
                .get("/architectures")
                .then()
                .statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void anOperatorTokenReachesTheEndpoints() {
        // past authentication, the endpoints answer as usual: nothing to cancel or promote here
        given().auth()
                .oauth2(OperatorTokens.operator())
                .delete("/jobs/unauthorized-job")
                .then()
                .statusCode(404)
                .body("reason", equalTo("no job unauthorized-job"));
        given().auth()
                .oauth2(OperatorTokens.operator())
                .post("/models/no-such-model/promote")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(OperatorTokens.operator())
                .post("/models/rollback")
                .then()
                .statusCode(not(oneOf(401, 403)));
        given().auth()
                .oauth2(OperatorTokens.operator())
                .post("/models/no-such-model/shadow")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(OperatorTokens.operator())
                .delete("/models/no-such-model/shadow")
                .then()
                .statusCode(404);
    }
}
