package dev.fmnist.inference.rest;

import dev.fmnist.contracts.testing.HostileImages;
import dev.fmnist.inference.support.RegistryPortResource;
import dev.fmnist.platform.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
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
    void aBodyOverTheLimitIsRefusedWith413BeforeItIsSent() throws Exception {
        assertThat(statusOfAnnouncedBody("application/json", 3L * 1024 * 1024)).isEqualTo(413);
        assertThat(statusOfAnnouncedBody("image/png", 64L * 1024 * 1024)).isEqualTo(413);
        given().get("/q/health/live").then().statusCode(200);
    }

    /** Announces a body of {@code length} bytes, sends none of it, and reads the status line the server answers. */
    private int statusOfAnnouncedBody(String type, long length) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type
                    + "\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void aPngDeclaring20000By20000PixelsIsRefusedFromItsHeader() {
        byte[] bomb = HostileImages.pngDeclaring(20000, 20000);

        given().contentType("image/png").body(bomb).post("/predict").then().statusCode(400)
                .body("rule", equalTo("invalid-png")).body("reason", containsString("20000x20000"));
        String json = "{\"id\":\"bomb\",\"png\":\"" + Base64.getEncoder().encodeToString(bomb) + "\"}";
        given().contentType(ContentType.JSON).body(json.getBytes(StandardCharsets.UTF_8)).post("/predict").then()
                .statusCode(400).body("rule", equalTo("invalid-png"));
    }

    @Test
    void idsWithControlCharactersAndDuplicateFieldsAreRefusedByTheirRule() {
        String pixels = Base64.getEncoder().encodeToString(new byte[784]);

        given().contentType(ContentType.JSON).body(("{\"id\":\"a\\u0000b\",\"pixels\":\"" + pixels + "\"}")
                .getBytes(StandardCharsets.UTF_8)).post("/predict").then().statusCode(400)
                .body("rule", equalTo("invalid-id"));
        given().contentType(ContentType.JSON).body(("{\"id\":\"a\",\"id\":\"b\",\"pixels\":\"" + pixels + "\"}")
                .getBytes(StandardCharsets.UTF_8)).post("/predict").then().statusCode(400)
                .body("rule", equalTo("invalid-json"));
    }
}
