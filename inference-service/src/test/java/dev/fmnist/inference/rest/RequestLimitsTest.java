package dev.fmnist.inference.rest;

import dev.fmnist.contracts.testing.HostileImages;
import dev.fmnist.inference.support.RegistryPortResource;
import dev.fmnist.testing.OversizedRequest;
import dev.fmnist.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code POST /predict} under hostile input: bodies over the limit are refused unread, a PNG declaring 20000×20000
 * pixels is refused from its header, an id with a control character by the id rule — and the service still answers.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@QuarkusTestResource(RegistryPortResource.class)
class RequestLimitsTest {

    @Test
    void aBodyOverTheLimitIsRefusedWith413BeforeItIsSent() {
        assertThat(statusOfAnnouncedBody("application/json", 3L * 1024 * 1024)).isEqualTo(413);
        assertThat(statusOfAnnouncedBody("image/png", 64L * 1024 * 1024)).isEqualTo(413);
        given().get("/q/health/live").then().statusCode(200);
    }

    private static int statusOfAnnouncedBody(String type, long length) {
        return OversizedRequest.status(RestAssured.port, "POST", "/predict", type, length, null);
    }

    @Test
    void aPngDeclaring20000By20000PixelsIsRefusedFromItsHeader() {
        byte[] bomb = HostileImages.pngDeclaring(20000, 20000);

        given().contentType("image/png")
                .body(bomb)
                .post("/predict")
                .then()
                .statusCode(400)
                .body("rule", equalTo("invalid-png"))
                .body("reason", containsString("20000x20000"));
        String json = "{\"id\":\"bomb\",\"png\":\"" + Base64.getEncoder().encodeToString(bomb) + "\"}";
        given().contentType(ContentType.JSON)
                .body(json.getBytes(StandardCharsets.UTF_8))
                .post("/predict")
                .then()
                .statusCode(400)
                .body("rule", equalTo("invalid-png"));
    }

    @Test
    void idsWithControlCharactersAndDuplicateFieldsAreRefusedByTheirRule() {
        String pixels = Base64.getEncoder().encodeToString(new byte[784]);

        given().contentType(ContentType.JSON)
                .body(("{\"id\":\"a\\u0000b\",\"pixels\":\"" + pixels + "\"}").getBytes(StandardCharsets.UTF_8))
                .post("/predict")
                .then()
                .statusCode(400)
                .body("rule", equalTo("invalid-id"));
        given().contentType(ContentType.JSON)
                .body(("{\"id\":\"a\",\"id\":\"b\",\"pixels\":\"" + pixels + "\"}").getBytes(StandardCharsets.UTF_8))
                .post("/predict")
                .then()
                .statusCode(400)
                .body("rule", equalTo("invalid-json"));
    }
}
