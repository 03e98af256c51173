package dev.fmnist.ingest.rest;

import dev.fmnist.ingest.TopicProbe;
import dev.fmnist.ingest.source.CsvFixture;
import dev.fmnist.testing.OperatorTokens;
import dev.fmnist.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Who may ingest and replay: only a caller whose bearer token, signed by the trusted key and issuer, names the role
 * {@code operator}. Everyone else gets a 401 or 403 with the house's error body, and nothing is published.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class DatasetSecurityTest {

    @Test
    void onlyAnOperatorTokenIngestsAndNothingIsPublishedForAnyoneElse(@TempDir Path temp) throws IOException {
        Path csv = CsvFixture.withBadRows(temp.resolve("secured.csv"), 20);
        Map<String, Object> body = Map.of("kind", "csv", "path", csv.toString(), "name", "secured", "split", "test");

        given().contentType(ContentType.JSON)
                .body(body)
                .post("/datasets")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401))
                .body("error", equalTo("Unauthorized"))
                .body("reason", startsWith("authentication required"));
        for (String invalid : new String[] {
            OperatorTokens.foreign(), OperatorTokens.expired(), OperatorTokens.otherIssuer(), "not-a-jwt"
        }) {
            given().auth()
                    .oauth2(invalid)
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post("/datasets")
                    .then()
                    .statusCode(401)
                    .body("error", equalTo("Unauthorized"));
        }
        given().auth()
                .oauth2(OperatorTokens.viewer())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/datasets")
                .then()
                .statusCode(403)
                .body("status", equalTo(403))
                .body("error", equalTo("Forbidden"))
                .body("reason", equalTo("forbidden: this endpoint needs the role 'operator'"));

        // none of them got anything in
        given().get("/datasets/secured").then().statusCode(404);

        given().auth()
                .oauth2(OperatorTokens.operator())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/datasets")
                .then()
                .statusCode(201)
                .body("result", equalTo("PUBLISHED"))
                .body("published", equalTo(17));
        assertThat(TopicProbe.endOffsets("fmnist.datasets.secured.test")).isEqualTo(17);
    }

    @Test
    void onlyAnOperatorTokenStartsAReplayWhileReadsStayOpen(@TempDir Path temp) throws IOException {
        Path csv = CsvFixture.withBadRows(temp.resolve("replay-secured.csv"), 20);
        given().auth()
                .oauth2(OperatorTokens.operator())
                .contentType(ContentType.JSON)
                .body(Map.of("kind", "csv", "path", csv.toString(), "name", "replay-secured", "split", "test"))
                .post("/datasets")
                .then()
                .statusCode(201);
        Map<String, Object> replay = Map.of("split", "test");

        given().contentType(ContentType.JSON)
                .body(replay)
                .post("/datasets/replay-secured/replay")
                .then()
                .statusCode(401)
                .body("error", equalTo("Unauthorized"));
        given().auth()
                .oauth2(OperatorTokens.foreign())
                .contentType(ContentType.JSON)
                .body(replay)
                .post("/datasets/replay-secured/replay")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(OperatorTokens.viewer())
                .contentType(ContentType.JSON)
                .body(replay)
                .post("/datasets/replay-secured/replay")
                .then()
                .statusCode(403)
                .body("error", equalTo("Forbidden"));
        assertThat(TopicProbe.readAll("fmnist.images.input"))
                .noneMatch(r -> r.key().startsWith("replay-secured/"));

        given().auth()
                .oauth2(OperatorTokens.operator())
                .contentType(ContentType.JSON)
                .body(replay)
                .post("/datasets/replay-secured/replay")
                .then()
                .statusCode(202)
                .body("status", equalTo("RUNNING"));

        // reads need no token, and a bad one on a read is ignored (authentication is lazy)
        given().get("/datasets/replay-secured").then().statusCode(200).body("name", equalTo("replay-secured"));
        given().auth().oauth2(OperatorTokens.foreign()).get("/datasets").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
