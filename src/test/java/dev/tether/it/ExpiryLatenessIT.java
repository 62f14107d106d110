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

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measures how late expired connections are closed: for each unrefreshed connection, the moment the
 * client saw the 3005 close minus (exp + grace). Asserts only what must hold on any machine: every
 * unrefreshed connection closed with 3005, none early, no refreshed connection closed. The figures go
 * to {@code target/expiry-lateness.md}; {@code -Dlateness.connections=N} changes the count (default 125:
 * 100 unrefreshed, 25 refreshing).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ExpiryLatenessIT {

    private static final long GRACE_MILLIS = 1000;
    private static final int CONNECTIONS = Integer.getInteger("lateness.connections", 125);
    /** Every fifth connection refreshes and must survive the others' deadlines. */
    private static final int REFRESH_EVERY = 5;
    /** Deadlines are spread over this window, so that the timer is re-armed between them. */
    private static final long SPREAD_MILLIS = 2000;

    @ArquillianResource
    URL base;

    @Deployment
    static WebArchive deployment() {
        return Deployments.war(Map.of("client_expired_close_delay", "1"));
    }

    private record Probe(WsClient client, long deadline, boolean refreshed) {
    }

    @Test
    void unrefreshedConnectionsCloseAtTheirDeadlineAndNeverBefore() throws IOException {
        List<WsClient> clients = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            clients.add(WsClient.open(base));
        }
        long start = System.currentTimeMillis() + 1500;
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            // On a slow machine the planned exp may be too close by now: keep a second's margin.
            long exp = Math.max(start + SPREAD_MILLIS * i / CONNECTIONS, System.currentTimeMillis() + 1000);
            WsClient client = clients.get(i);
            client.connect(Tokens.hs256ExpiringAt("u" + i, exp));
            boolean refreshed = i % REFRESH_EVERY == 0;
            if (refreshed) {
                client.refresh(2, Tokens.hs256("u" + i, 60)).result(2);
            }
            probes.add(new Probe(client, exp + GRACE_MILLIS, refreshed));
        }

        List<Long> lateness = new ArrayList<>();
        for (Probe probe : probes) {
            if (!probe.refreshed()) {
                WsClient.Closed closed = probe.client().awaitClose(Duration.ofSeconds(30));
                assertEquals(3005, closed.code());
                lateness.add(closed.atMillis() - probe.deadline());
            }
        }
        long refreshedClosed = probes.stream().filter(Probe::refreshed).filter(p -> p.client().isClosed()).count();
        probes.forEach(probe -> probe.client().close());

        lateness.sort(null);
        long early = lateness.stream().filter(ms -> ms < 0).count();
        String report = report(lateness, early, refreshedClosed);
        Files.writeString(Path.of("target", "expiry-lateness.md"), report);
        System.out.println(report);

        assertEquals(0, early, "connections closed before exp + grace");
        assertEquals(0, refreshedClosed, "refreshed connections closed");
        assertTrue(lateness.size() >= CONNECTIONS - CONNECTIONS / REFRESH_EVERY);
    }

    private static String report(List<Long> lateness, long early, long refreshedClosed) {
        return "# Expiry lateness (embedded Payara, grace " + GRACE_MILLIS + " ms)\n\n"
                + "| unrefreshed connections | p50 | p99 | max | closed early | refreshed closed |\n"
                + "|---|---|---|---|---|---|\n"
                + "| " + lateness.size() + " | " + percentile(lateness, 50) + " ms | " + percentile(lateness, 99)
                + " ms | " + lateness.get(lateness.size() - 1) + " ms | " + early + " | " + refreshedClosed + " |\n";
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(List<Long> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
