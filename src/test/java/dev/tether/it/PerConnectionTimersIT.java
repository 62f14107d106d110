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
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-connection scheduler enforces the same deadlines: closed at exp + grace, never before; refresh moves it. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PerConnectionTimersIT {

    private static final long GRACE_MILLIS = 1000;

    @ArquillianResource
    URL base;

    @Deployment
    static WebArchive deployment() {
        return Deployments.war(Map.of(
                "expiry_scheduler", "per-connection",
                "client_expired_close_delay", "1",
                "client_stale_close_delay", "2"));
    }

    @Test
    void anUnrefreshedConnectionIsClosedAtItsDeadlineAndARefreshedOneIsNot() {
        long exp = System.currentTimeMillis() + 1500;
        try (WsClient expiring = WsClient.open(base); WsClient refreshed = WsClient.open(base)) {
            expiring.connect(Tokens.hs256ExpiringAt("alice", exp));
            refreshed.connect(Tokens.hs256ExpiringAt("bob", exp));
            refreshed.refresh(2, Tokens.hs256("bob", 60)).result(2);

            WsClient.Closed closed = expiring.awaitClose(Duration.ofSeconds(10));

            assertEquals(3005, closed.code());
            assertTrue(closed.atMillis() >= exp + GRACE_MILLIS, "closed " + (exp + GRACE_MILLIS - closed.atMillis())
                    + " ms early");
            assertTrue(refreshed.staysOpenFor(Duration.ofMillis(500)), "the refreshed connection was closed");
        }
    }

    @Test
    void aConnectionThatNeverConnectsIsStillClosedStaleByItsOwnTimer() {
        try (WsClient client = WsClient.open(base)) {
            client.send("{\"id\":1,\"params\":{\"token\":\"" + Tokens.hs256("alice", -1) + "\"}}");
            assertEquals(109, client.reply().getJsonObject("error").getInt("code"));

            assertEquals(3007, client.awaitClose(Duration.ofSeconds(10)).code());
        }
    }
}
