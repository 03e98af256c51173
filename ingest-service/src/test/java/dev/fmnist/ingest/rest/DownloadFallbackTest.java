package dev.fmnist.ingest.rest;

import dev.fmnist.testing.OperatorTokens;
import dev.fmnist.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/** No official files in the data folder and an unreachable official address: a clear 400. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@TestProfile(DownloadFallbackTest.EmptyDataFolder.class)
class DownloadFallbackTest {

    /** An empty data folder, and a download address nothing listens on. */
    public static class EmptyDataFolder implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                return Map.of(
                        "fmnist.ingest.data-dir",
                        Files.createTempDirectory("empty-data").toString(),
                        "fmnist.ingest.download.enabled",
                        "true",
                        "fmnist.ingest.download.url",
                        "http://127.0.0.1:9/fashion-mnist/",
                        "fmnist.ingest.download.dir",
                        Files.createTempDirectory("downloads").toString(),
                        "fmnist.ingest.download.timeout",
                        "2s");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void anUnreachableOfficialAddressIsAClearError() {
        given().auth()
                .oauth2(OperatorTokens.operator())
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/datasets")
                .then()
                .statusCode(400)
                .body(
                        "reason",
                        allOf(
                                containsString("no IDX files in"),
                                containsString("dataset-fashion-mnist"),
                                containsString(
                                        "cannot download the official files from http://127.0.0.1:9/fashion-mnist/")));
    }

    @Test
    void standardEndpointsAnswer() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi")
                .then()
                .statusCode(200)
                .body(allOf(containsString("/datasets/{id}/replay"), containsString("classDistribution")));
    }
}
