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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connect, ping, batches, and every way a bad frame or token ends a connection, on the real endpoint. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConnectionIT {

    private static final int SIZE_LIMIT = 4096;

    @ArquillianResource
    URL base;

    @Deployment
    static WebArchive deployment() {
        return Deployments.war(Map.of("websocket_message_size_limit", String.valueOf(SIZE_LIMIT)));
    }

    private void assertClosed(WsClient client, int code, String reason, boolean reconnect) {
        WsClient.Closed closed = client.awaitClose();
        assertEquals(code, closed.code());
        assertEquals("{\"reason\":\"" + reason + "\",\"reconnect\":" + reconnect + "}", closed.reason());
    }

    @Test
    void connectAnswersClientVersionExpiresAndTtl() {
        try (WsClient client = WsClient.open(base)) {
            JsonObject result = client.connect(Tokens.hs256("alice", 600));

            UUID.fromString(result.getString("client"));
            assertFalse(result.getString("version").isEmpty());
            assertTrue(result.getBoolean("expires"));
            int ttl = result.getInt("ttl");
            assertTrue(ttl >= 599 && ttl <= 600, "ttl " + ttl);
        }
    }

    @Test
    void aTokenWithoutExpConnectsWithoutExpiry() {
        try (WsClient client = WsClient.open(base)) {
            JsonObject result = client.connect(Tokens.hs256("{\"sub\":\"alice\",\"info\":{\"name\":\"Alice\"}}"));

            assertFalse(result.containsKey("expires"));
            assertFalse(result.containsKey("ttl"));
        }
    }

    @Test
    void pingIsAnsweredWithAnEmptyReply() {
        try (WsClient client = WsClient.open(base)) {
            client.connect(Tokens.hs256("alice", 600));

            client.send("{\"method\":7,\"id\":2}");

            assertEquals("{\"id\":2}\n", client.frame());
        }
    }

    @Test
    void aBatchIsAnsweredInOrderInOneFrame() {
        try (WsClient client = WsClient.open(base)) {
            client.send("{\"params\":{\"token\":\"" + Tokens.hs256("alice", 600) + "\"},\"id\":1}\n"
                    + "{\"method\":7,\"id\":2}\n{\"method\":3,\"params\":{\"channel\":\"news\",\"data\":{}},\"id\":3}");

            String frame = client.frame();
            String[] replies = frame.split("\n");
            assertEquals(3, replies.length, frame);
            assertTrue(replies[0].startsWith("{\"id\":1,\"result\":{\"client\":"), replies[0]);
            assertEquals("{\"id\":2}", replies[1]);
            assertEquals("{\"id\":3,\"error\":{\"code\":104,\"message\":\"method not found\"}}", replies[2]);
        }
    }

    @Test
    void jsonInABinaryFrameIsReadToo() {
        try (WsClient client = WsClient.open(base)) {
            String connect = "{\"id\":1,\"params\":{\"token\":\"" + Tokens.hs256("alice", 600) + "\"}}";

            client.sendBinary(connect.getBytes(StandardCharsets.UTF_8));

            assertTrue(client.result(1).containsKey("client"));
        }
    }

    @Test
    void anExpiredTokenGets109AndTheSocketStaysOpen() {
        try (WsClient client = WsClient.open(base)) {
            client.send("{\"id\":1,\"params\":{\"token\":\"" + Tokens.hs256("alice", -5) + "\"}}");

            assertEquals("{\"id\":1,\"error\":{\"code\":109,\"message\":\"token expired\"}}\n", client.frame());
            client.connect(Tokens.hs256("alice", 600));
            assertFalse(client.isClosed());
        }
    }

    @Test
    void aTokenNotValidYetGets109() {
        long now = System.currentTimeMillis() / 1000;
        try (WsClient client = WsClient.open(base)) {
            client.send("{\"id\":1,\"params\":{\"token\":\""
                    + Tokens.hs256("{\"sub\":\"alice\",\"nbf\":" + (now + 60) + "}") + "\"}}");

            assertEquals(109, client.reply().getJsonObject("error").getInt("code"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"badSignature", "unsigned", "malformed", "numericSub", "rsaNotConfigured"})
    void anUnverifiableTokenClosesWithInvalidTokenAndNoReply(String kind) {
        String claims = Tokens.claims("alice", 600);
        String token = switch (kind) {
            case "badSignature" -> Tokens.sign("HS256", Tokens.hmacKey("another-secret-of-thirty-two-bytes!!"), claims);
            case "unsigned" -> Tokens.unsigned(claims);
            case "malformed" -> "not.a.jwt";
            case "numericSub" -> Tokens.hs256("{\"sub\":42}");
            default -> Tokens.sign("RS256", Tokens.rsaKeyPair().getPrivate(), claims);
        };
        try (WsClient client = WsClient.open(base)) {
            client.send("{\"id\":1,\"params\":{\"token\":\"" + token + "\"}}");

            assertClosed(client, 3002, "invalid token", false);
            assertTrue(client.frameIfAny().isEmpty(), "no reply before the close");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":1,\"params\":{}}",
        "{\"id\":1,\"method\":7}",
        "{\"params\":{\"token\":\"T\"}}",
        "",
        "not json at all",
        "{\"id\":1,\"method\":\"no-such-method\"}"
    })
    void aBadFirstFrameClosesWithBadRequest(String frame) {
        try (WsClient client = WsClient.open(base)) {
            client.send(frame);

            assertClosed(client, 3003, "bad request", false);
        }
    }

    @Test
    void aSecondConnectClosesWithBadRequest() {
        try (WsClient client = WsClient.open(base)) {
            client.connect(Tokens.hs256("alice", 600));

            client.send("{\"id\":2,\"params\":{\"token\":\"" + Tokens.hs256("alice", 600) + "\"}}");

            assertClosed(client, 3003, "bad request", false);
        }
    }

    @Test
    void aCommandWithIdZeroAfterConnectClosesWithBadRequest() {
        try (WsClient client = WsClient.open(base)) {
            client.connect(Tokens.hs256("alice", 600));

            client.send("{\"method\":7}");

            assertClosed(client, 3003, "bad request", false);
        }
    }

    @Test
    void anOversizedMessageIsRefusedWith1009AndOthersAreUndisturbed() {
        try (WsClient bystander = WsClient.open(base); WsClient client = WsClient.open(base)) {
            bystander.connect(Tokens.hs256("bob", 600));
            client.connect(Tokens.hs256("alice", 600));

            client.send("{\"method\":7,\"id\":2,\"params\":{\"pad\":\"" + "x".repeat(SIZE_LIMIT) + "\"}}");

            assertEquals(1009, client.awaitClose().code());
            bystander.send("{\"method\":7,\"id\":2}");
            assertEquals(2, bystander.reply().getInt("id"));
        }
    }
}
