package dev.tether.client;

import dev.tether.protocol.Disconnect;
import dev.tether.testing.Tokens;
import dev.tether.token.TokenVerifier;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientTest {

    private static final long GRACE = 25_000;
    private static final long STALE = 10_000;
    private static final long START = 1_800_000_000_000L;

    private final ManualClock clock = new ManualClock(START);
    private final RecordingScheduler scheduler = new RecordingScheduler();
    private final RecordingTransport transport = new RecordingTransport();
    private final TokenVerifier verifier = Tokens.hmacVerifier();

    private Client client(boolean anonymous, boolean insecure) {
        ConnectionRules rules = new ConnectionRules(GRACE, STALE, anonymous, insecure, "test");
        Client client = new Client(rules, verifier, scheduler, clock, transport);
        client.opened();
        return client;
    }

    private Client client() {
        return client(false, false);
    }

    /** A token for {@code user} whose exp is {@code seconds} after the clock's now. */
    private String token(String user, long seconds) {
        return Tokens.hs256("{\"sub\":\"" + user + "\",\"exp\":" + (clock.millis() / 1000 + seconds) + "}");
    }

    private static String connect(long id, String token) {
        return "{\"id\":" + id + ",\"params\":{\"token\":\"" + token + "\"}}";
    }

    private static String refresh(long id, String token) {
        return "{\"id\":" + id + ",\"method\":10,\"params\":{\"token\":\"" + token + "\"}}";
    }

    @Test
    void anOpenedClientHasTheStaleDelayToConnect() {
        Client client = client();

        assertEquals(START + STALE, scheduler.deadlineOf(client));

        clock.advance(STALE);
        client.deadlineReached();

        assertEquals(Disconnect.STALE, transport.closedWith);
        assertNull(scheduler.deadlineOf(client));
    }

    @Test
    void connectAnswersClientVersionExpiresAndTtlAndArmsExpPlusGrace() {
        Client client = client();

        client.receive(connect(1, token("alice", 600)));

        JsonObject result = transport.onlyReply().getJsonObject("result");
        assertEquals(client.id(), result.getString("client"));
        assertEquals("test", result.getString("version"));
        assertTrue(result.getBoolean("expires"));
        assertEquals(600, result.getInt("ttl"));
        assertEquals(ClientState.CONNECTED, client.state());
        assertEquals("alice", client.user());
        assertEquals(START + 600_000 + GRACE, scheduler.deadlineOf(client));
    }

    @Test
    void anUnrefreshedConnectionClosesExpiredAtItsDeadlineAndNotBefore() {
        Client client = client();
        client.receive(connect(1, token("alice", 60)));

        clock.advance(60_000 + GRACE - 1);
        client.deadlineReached();
        assertNull(transport.closedWith, "woken a millisecond early, it must stay open");
        assertEquals(START + 60_000 + GRACE, scheduler.deadlineOf(client));

        clock.advance(1);
        client.deadlineReached();
        assertEquals(Disconnect.EXPIRED, transport.closedWith);
        assertEquals(ClientState.CLOSED, client.state());
    }

    @Test
    void refreshMovesTheDeadlineAndAnswersTheNewTtl() {
        Client client = client();
        client.receive(connect(1, token("alice", 60)));
        clock.advance(60_000);

        client.receive(refresh(2, token("alice", 300)));

        JsonObject result = transport.replies.get(1).getJsonObject("result");
        assertEquals(300, result.getInt("ttl"));
        assertEquals(client.id(), result.getString("client"));
        assertEquals(clock.millis() + 300_000 + GRACE, scheduler.deadlineOf(client));
    }

    @Test
    void anExpiredTokenAtConnectGets109AndTheSocketStaysOpenUntilStale() {
        Client client = client();

        client.receive(connect(1, token("alice", -1)));

        assertEquals(109, transport.onlyReply().getJsonObject("error").getInt("code"));
        assertEquals(ClientState.CONNECTING, client.state());
        assertNull(transport.closedWith);
        assertEquals(START + STALE, scheduler.deadlineOf(client));
    }

    @Test
    void anInvalidTokenAtConnectClosesWithoutReply() {
        Client client = client();

        client.receive(connect(1, Tokens.unsigned("{\"sub\":\"alice\"}")));

        assertEquals(Disconnect.INVALID_TOKEN, transport.closedWith);
        assertTrue(transport.replies.isEmpty());
        assertNull(scheduler.deadlineOf(client));
    }

    @Test
    void withoutTokenOnlyAnonymousOrInsecureConnect() {
        Client refused = client();
        refused.receive("{\"id\":1}");
        assertEquals(Disconnect.BAD_REQUEST, transport.closedWith);

        RecordingTransport anonymousTransport = new RecordingTransport();
        Client anonymous = new Client(new ConnectionRules(GRACE, STALE, true, false, "test"),
                verifier, scheduler, clock, anonymousTransport);
        anonymous.opened();
        anonymous.receive("{\"id\":1}");
        assertEquals(ClientState.CONNECTED, anonymous.state());
        assertEquals("", anonymous.user());
        assertFalse(anonymousTransport.onlyReply().getJsonObject("result").containsKey("expires"));
        assertNull(scheduler.deadlineOf(anonymous));
    }

    @Test
    void insecureModeNeverExpires() {
        Client client = client(false, true);

        client.receive(connect(1, token("alice", 60)));

        assertFalse(transport.onlyReply().getJsonObject("result").containsKey("expires"));
        assertNull(scheduler.deadlineOf(client));
    }

    @Test
    void refreshWithAnExpiredTokenClosesExpiredWithoutReply() {
        Client client = client();
        client.receive(connect(1, token("alice", 60)));

        client.receive(refresh(2, token("alice", -1)));

        assertEquals(1, transport.replies.size());
        assertEquals(Disconnect.EXPIRED, transport.closedWith);
    }

    @Test
    void refreshForAnotherUserClosesInvalidToken() {
        Client client = client();
        client.receive(connect(1, token("alice", 60)));

        client.receive(refresh(2, token("mallory", 600)));

        assertEquals(Disconnect.INVALID_TOKEN, transport.closedWith);
        assertEquals(1, transport.replies.size());
    }

    @Test
    void refreshWithoutExpMakesTheConnectionNonExpiring() {
        Client client = client();
        client.receive(connect(1, token("alice", 60)));

        client.receive(refresh(2, Tokens.hs256("{\"sub\":\"alice\"}")));

        JsonObject result = transport.replies.get(1).getJsonObject("result");
        assertFalse(result.containsKey("expires"));
        assertFalse(result.containsKey("ttl"));
        assertNull(scheduler.deadlineOf(client));
        clock.advance(3_600_000);
        client.deadlineReached();
        assertNull(transport.closedWith);
    }

    @Test
    void refreshWithoutTokenIsABadRequest() {
        Client client = client();
        client.receive(connect(1, token("alice", 60)));

        client.receive("{\"id\":2,\"method\":10,\"params\":{}}");

        assertEquals(Disconnect.BAD_REQUEST, transport.closedWith);
    }

    @Test
    void aBatchIsAnsweredInOneFrameInOrder() {
        Client client = client();

        String ping = "{\"id\":2,\"method\":7}";
        String subscribe = "{\"id\":3,\"method\":1,\"params\":{}}";

        client.receive(connect(1, token("alice", 60)) + "\n" + ping + "\n" + subscribe);

        assertEquals(1, transport.frames.size());
        assertEquals(List.of(1, 2, 3), transport.replies.stream().map(reply -> reply.getInt("id")).toList());
        assertFalse(transport.replies.get(1).containsKey("result"));
        assertEquals(104, transport.replies.get(2).getJsonObject("error").getInt("code"));
    }

    @Test
    void repliesBeforeABadCommandAreSentThenTheConnectionCloses() {
        Client client = client();

        client.receive(connect(1, token("alice", 60)) + "\n{\"id\":2,\"params\":{}}\n{\"id\":3,\"method\":7}");

        assertEquals(List.of(1), transport.replies.stream().map(reply -> reply.getInt("id")).toList());
        assertEquals(Disconnect.BAD_REQUEST, transport.closedWith);
    }

    @Test
    void commandOrderAndIdsAreEnforced() {
        assertClosesWithBadRequest("{\"id\":1,\"method\":7}");
        assertClosesWithBadRequest("{\"params\":{\"token\":\"" + token("alice", 60) + "\"}}");
        assertClosesWithBadRequest("");
        assertClosesWithBadRequest("{nonsense");
        assertClosesWithBadRequest("{\"id\":1,\"params\":{\"token\":42}}");
    }

    private void assertClosesWithBadRequest(String frame) {
        RecordingTransport own = new RecordingTransport();
        Client client = new Client(new ConnectionRules(GRACE, STALE, false, false, "test"),
                verifier, scheduler, clock, own);
        client.opened();

        client.receive(frame);

        assertEquals(Disconnect.BAD_REQUEST, own.closedWith, frame);
        assertNull(scheduler.deadlineOf(client), frame);
    }

    @Test
    void nothingIsHandledOrScheduledAfterTheSocketCloses() {
        Client client = client();
        client.receive(connect(1, token("alice", 60)));

        client.transportClosed();
        client.receive("{\"id\":2,\"method\":7}");
        client.deadlineReached();

        assertNull(scheduler.deadlineOf(client));
        assertEquals(1, transport.replies.size());
        assertNull(transport.closedWith);
    }

    @Test
    void shutdownClosesAnOpenClientForReconnect() {
        Client client = client();
        client.receive(connect(1, token("alice", 60)));

        client.shutdown();

        assertEquals(Disconnect.SHUTDOWN, transport.closedWith);
        assertTrue(Disconnect.SHUTDOWN.reconnect());
    }

    static final class ManualClock implements InstantSource {
        private long millis;

        ManualClock(long millis) {
            this.millis = millis;
        }

        void advance(long by) {
            millis += by;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public long millis() {
            return millis;
        }
    }

    static final class RecordingScheduler implements DeadlineScheduler {
        private final Map<Client, Long> deadlines = new HashMap<>();

        @Override
        public void schedule(Client client, long atEpochMillis) {
            deadlines.put(client, atEpochMillis);
        }

        @Override
        public void cancel(Client client) {
            deadlines.remove(client);
        }

        Long deadlineOf(Client client) {
            return deadlines.get(client);
        }
    }

    static final class RecordingTransport implements ClientTransport {
        final List<String> frames = new ArrayList<>();
        final List<JsonObject> replies = new ArrayList<>();
        Disconnect closedWith;

        @Override
        public void send(String frame) {
            assertTrue(frame.endsWith("\n"), "every reply ends with a newline");
            frames.add(frame);
            for (String line : frame.split("\n")) {
                replies.add(Json.createReader(new StringReader(line)).readObject());
            }
        }

        @Override
        public void close(Disconnect disconnect) {
            assertNull(closedWith, "closed twice");
            closedWith = disconnect;
        }

        JsonObject onlyReply() {
            assertEquals(1, replies.size());
            return replies.get(0);
        }
    }
}
