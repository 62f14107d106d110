package dev.tether.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A protocol-level WebSocket client on the JDK's own implementation, independent of the server's. It
 * splits frames into replies and records how the server closed the socket.
 */
public final class WsClient implements WebSocket.Listener, AutoCloseable {

    /** How the server closed the socket, and when the client saw it. */
    public record Closed(int code, String reason, long atMillis) {
    }

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    /** Replies of the frame last taken by {@link #reply()} that have not been read yet. */
    private final Deque<JsonObject> pending = new ArrayDeque<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private WsClient() {
    }

    /** Opens a connection to the application's endpoint under {@code base}, the deployment's URL. */
    public static WsClient open(URL base) {
        return open(base, null);
    }

    /** Opens a connection as a page from {@code origin} would; null sends no Origin header. */
    public static WsClient open(URL base, String origin) {
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws") + "connection/websocket");
        WsClient client = new WsClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        client.socket = builder.buildAsync(uri, client).orTimeout(10, TimeUnit.SECONDS).join();
        return client;
    }

    public WsClient send(String frame) {
        socket.sendText(frame, true).join();
        return this;
    }

    public WsClient sendBinary(byte[] frame) {
        socket.sendBinary(ByteBuffer.wrap(frame), true).join();
        return this;
    }

    /** The next reply, from the frame being read or the next one, waiting up to ten seconds for it. */
    public JsonObject reply() {
        if (pending.isEmpty()) {
            for (String line : frame().split("\n")) {
                if (!line.isBlank()) {
                    pending.add(Json.createReader(new StringReader(line)).readObject());
                }
            }
        }
        return pending.remove();
    }

    /** The next whole frame as received, waiting up to ten seconds for it. */
    public String frame() {
        assertTrue(pending.isEmpty(), "replies of the previous frame are still unread: " + pending);
        try {
            String frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(frame, "no frame within " + WAIT);
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A frame that arrives within half a second, if any: for checking that nothing was sent. */
    public Optional<String> frameIfAny() {
        try {
            return Optional.ofNullable(frames.poll(500, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The result of the reply to command {@code id}, which must not be an error. */
    public JsonObject result(long id) {
        JsonObject reply = reply();
        assertEquals(id, reply.getJsonNumber("id").longValue(), reply.toString());
        assertTrue(!reply.containsKey("error"), reply.toString());
        return reply.containsKey("result") ? reply.getJsonObject("result") : JsonObject.EMPTY_JSON_OBJECT;
    }

    /** Sends a refresh command with the token. */
    public WsClient refresh(long id, String token) {
        return send("{\"method\":10,\"params\":{\"token\":\"" + token + "\"},\"id\":" + id + "}");
    }

    /** Sends a connect with the token and returns its result. */
    public JsonObject connect(String token) {
        send("{\"id\":1,\"params\":{\"token\":\"" + token + "\",\"name\":\"test\"}}");
        return result(1);
    }

    public Closed awaitClose(Duration within) {
        try {
            return closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return fail("socket not closed by the server within " + within + ": " + e);
        }
    }

    public Closed awaitClose() {
        return awaitClose(WAIT);
    }

    /** Whether the server has closed the socket by now. */
    public boolean isClosed() {
        return closed.isDone();
    }

    /** Waits the whole duration and tells whether the server left the socket open all along. */
    public boolean staysOpenFor(Duration duration) {
        try {
            closed.get(Math.max(0, duration.toMillis()), TimeUnit.MILLISECONDS);
            return false;
        } catch (TimeoutException stillOpen) {
            return true;
        } catch (Exception closedWithError) {
            return false;
        }
    }

    /** The server's close, once it happens. */
    public CompletableFuture<Closed> closing() {
        return closed;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            frames.add(frame);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason, System.currentTimeMillis()));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.abort();
        }
    }
}
