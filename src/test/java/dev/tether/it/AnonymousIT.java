package dev.tether.it;

import dev.tether.testing.Deployments;
import dev.tether.testing.Tokens;
import dev.tether.testing.WsClient;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With {@code client_anonymous} on, a connect without a token is let in; tokens still count. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AnonymousIT {

    @ArquillianResource
    URL base;

    @Deployment
    static WebArchive deployment() {
        return Deployments.war(Map.of("client_anonymous", "true"));
    }

    @Test
    void aConnectWithoutTokenIsAnonymousAndNeverExpires() {
        try (WsClient client = WsClient.open(base)) {
            client.send("{\"id\":1,\"params\":{\"name\":\"js\"}}");

            JsonObject result = client.result(1);
            assertTrue(result.containsKey("client"));
            assertFalse(result.containsKey("expires"));
        }
    }

    @Test
    void aBadTokenIsStillRefused() {
        try (WsClient client = WsClient.open(base)) {
            client.send("{\"id\":1,\"params\":{\"token\":\"" + Tokens.unsigned("{\"sub\":\"x\"}") + "\"}}");

            assertEquals(3002, client.awaitClose().code());
        }
    }
}
