package dev.tether.it;

import dev.tether.testing.Deployments;
import dev.tether.testing.Tokens;
import dev.tether.testing.WsClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With {@code allowed_origins} set, pages from other origins cannot open a connection. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OriginIT {

    private static final String ALLOWED = "https://app.example";

    @ArquillianResource
    URL base;

    @Deployment
    static WebArchive deployment() {
        return Deployments.war(Map.of("allowed_origins", ALLOWED + ", http://other.example"));
    }

    @Test
    void aPageFromAnAllowedOriginConnects() {
        try (WsClient client = WsClient.open(base, ALLOWED)) {
            assertTrue(client.connect(Tokens.hs256("alice", 600)).containsKey("client"));
        }
    }

    @Test
    void aPageFromAnotherOriginIsRefusedAtTheHandshake() {
        CompletionException refused = assertThrows(CompletionException.class,
                () -> WsClient.open(base, "https://evil.example"));

        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
        assertEquals(403, handshake.getResponse().statusCode());
    }

    @Test
    void aClientWithoutOriginConnects() {
        try (WsClient client = WsClient.open(base)) {
            assertTrue(client.connect(Tokens.hs256("alice", 600)).containsKey("client"));
        }
    }
}
