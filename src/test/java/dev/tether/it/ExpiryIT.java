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
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connection expiry with a one-second grace: the close at exp + grace and never before, refresh moving
 * the deadline, and the refresh outcomes that end a connection.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ExpiryIT {

    private static final long GRACE_MILLIS = 1000;
    private static final String EXPIRED = "{\"reason\":\"expired\",\"reconnect\":true}";

    @ArquillianResource
    URL base;

    @Deployment
    static WebArchive deployment() {
        return Deployments.war(Map.of("client_expired_close_delay", "1", "client_stale_close_delay", "2"));
    }

    /** A token whose exp lies {@code millis} ahead, to the millisecond. */
    private static String tokenExpiringIn(String user, long millis, long[] expOut) {
        long exp = System.currentTimeMillis() + millis;
        expOut[0] = exp;
        return Tokens.hs256ExpiringAt(user, exp);
    }

    @Test
    void anUnrefreshedConnectionIsClosedExpiredAtExpPlusGraceAndNotBefore() {
        long[] exp = new long[1];
        try (WsClient client = WsClient.open(base)) {
            client.connect(tokenExpiringIn("alice", 1500, exp));

            WsClient.Closed closed = client.awaitClose(Duration.ofSeconds(10));

            assertEquals(3005, closed.code());
            assertEquals(EXPIRED, closed.reason());
            long lateness = closed.atMillis() - (exp[0] + GRACE_MILLIS);
            assertTrue(lateness >= 0, "closed " + -lateness + " ms early");
        }
    }

    @Test
    void refreshMovesTheDeadline() {
        long[] exp = new long[1];
        try (WsClient client = WsClient.open(base)) {
            client.connect(tokenExpiringIn("alice", 1000, exp));
            long firstDeadline = exp[0] + GRACE_MILLIS;

            client.refresh(2, tokenExpiringIn("alice", 3000, exp));
            JsonObject result = client.result(2);

            assertTrue(result.getBoolean("expires"));
            assertTrue(result.getInt("ttl") >= 2, result.toString());
            WsClient.Closed closed = client.awaitClose(Duration.ofSeconds(10));
            assertEquals(3005, closed.code());
            assertTrue(closed.atMillis() >= exp[0] + GRACE_MILLIS,
                    "closed before the refreshed deadline; the first one was " + firstDeadline);
        }
    }

    @Test
    void refreshWithAnExpiredTokenClosesExpired() {
        try (WsClient client = WsClient.open(base)) {
            client.connect(Tokens.hs256("alice", 600));

            client.refresh(2, Tokens.hs256("alice", -1));

            WsClient.Closed closed = client.awaitClose();
            assertEquals(3005, closed.code());
            assertEquals(EXPIRED, closed.reason());
        }
    }

    @Test
    void refreshWithATokenForAnotherUserClosesInvalidToken() {
        try (WsClient client = WsClient.open(base)) {
            client.connect(Tokens.hs256("alice", 600));

            client.refresh(2, Tokens.hs256("mallory", 600));

            WsClient.Closed closed = client.awaitClose();
            assertEquals(3002, closed.code());
            assertEquals("{\"reason\":\"invalid token\",\"reconnect\":false}", closed.reason());
        }
    }

    @Test
    void refreshWithABadlySignedTokenClosesInvalidToken() {
        try (WsClient client = WsClient.open(base)) {
            client.connect(Tokens.hs256("alice", 600));

            client.refresh(2, Tokens.unsigned(Tokens.claims("alice", 600)));

            assertEquals(3002, client.awaitClose().code());
        }
    }

    @Test
    void refreshWithoutExpMakesTheConnectionNonExpiring() {
        long[] exp = new long[1];
        try (WsClient client = WsClient.open(base)) {
            client.connect(tokenExpiringIn("alice", 1000, exp));

            client.refresh(2, Tokens.hs256("{\"sub\":\"alice\"}"));
            JsonObject result = client.result(2);
            assertFalse(result.containsKey("expires"));

            long pastOldDeadline = exp[0] + GRACE_MILLIS + 1000 - System.currentTimeMillis();
            assertTrue(client.staysOpenFor(Duration.ofMillis(pastOldDeadline)), "closed at the old deadline");
            client.send("{\"method\":7,\"id\":3}");
            assertEquals(3, client.reply().getInt("id"));
        }
    }

    @Test
    void aConnectionThatNeverConnectsIsClosedStale() {
        long opened = System.currentTimeMillis();
        try (WsClient client = WsClient.open(base)) {
            WsClient.Closed closed = client.awaitClose(Duration.ofSeconds(10));

            assertEquals(3007, closed.code());
            assertEquals("{\"reason\":\"stale\",\"reconnect\":false}", closed.reason());
            assertTrue(closed.atMillis() - opened >= 2000, "stale after " + (closed.atMillis() - opened) + " ms");
        }
    }

    @Test
    void aClientRefusedWith109IsClosedStaleIfItStays() {
        try (WsClient client = WsClient.open(base)) {
            client.send("{\"id\":1,\"params\":{\"token\":\"" + Tokens.hs256("alice", -1) + "\"}}");
            assertEquals(109, client.reply().getJsonObject("error").getInt("code"));

            assertEquals(3007, client.awaitClose(Duration.ofSeconds(10)).code());
        }
    }
}
