package dev.fmnist.training;

import dev.fmnist.testing.OperatorTokens;
import dev.fmnist.testing.OversizedRequest;
import dev.fmnist.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Request bodies over the limit (256 KiB) are refused with 413 before they are read, authenticated or not. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class RequestLimitsTest {

    @Test
    void aHugeBodyOnEveryMutatingEndpointIsRefusedUnread() {
        String operator = "Bearer " + OperatorTokens.operator();
        for (String path : new String[] {"/jobs", "/models/any/promote", "/models/rollback"}) {
            assertThat(OversizedRequest.status(RestAssured.port, "POST", path, "application/json", 1 << 20, operator))
                    .as(path)
                    .isEqualTo(413);
            assertThat(OversizedRequest.status(RestAssured.port, "POST", path, "application/json", 1L << 32, null))
                    .as(path + " unauthenticated")
                    .isEqualTo(413);
        }
        given().get("/jobs").then().statusCode(200);
    }
}
