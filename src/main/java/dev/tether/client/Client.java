package dev.tether.client;

import dev.tether.json.CachedJson;
import dev.tether.protocol.Command;
import dev.tether.protocol.CommandDecoder;
import dev.tether.protocol.Disconnect;
import dev.tether.protocol.ErrorCode;
import dev.tether.protocol.MalformedFrameException;
import dev.tether.protocol.Method;
import dev.tether.protocol.Replies;
import dev.tether.token.ConnectionToken;
import dev.tether.token.ExpiredTokenException;
import dev.tether.token.InvalidTokenException;
import dev.tether.token.TokenVerifier;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client connection and its protocol state: it receives frames of commands, answers them, and
 * keeps the connection's one deadline with the scheduler — the stale deadline while connecting, then
 * {@code exp} + grace while connected with an expiring token.
 *
 * <p>Threading: a frame arrives on the socket's thread and a deadline on the scheduler's; every method
 * that reads or changes the state below holds this object's monitor. The scheduler must not hold a lock
 * of its own while calling {@link #deadlineReached()}.
 */
public final class Client {

    private static final Logger LOG = Logger.getLogger(Client.class.getName());
    private static final long NO_DEADLINE = 0;

    private final String id = UUID.randomUUID().toString();
    private final ConnectionRules rules;
    private final TokenVerifier verifier;
    private final DeadlineScheduler scheduler;
    private final InstantSource clock;
    private final ClientTransport transport;

    // Guarded by this.
    private ClientState state = ClientState.CONNECTING;
    private String user = "";
    private byte[] info;
    private long expiresAtMillis = ConnectionToken.NEVER;
    private long deadlineMillis = NO_DEADLINE;

    public Client(ConnectionRules rules, TokenVerifier verifier, DeadlineScheduler scheduler,
                  InstantSource clock, ClientTransport transport) {
        this.rules = rules;
        this.verifier = verifier;
        this.scheduler = scheduler;
        this.clock = clock;
        this.transport = transport;
    }

    /** The socket is open: the client has the stale delay to connect. */
    public synchronized void opened() {
        setDeadline(clock.millis() + rules.staleCloseDelayMillis());
    }

    /** Handles one frame: every command in order, answered in one frame, until one ends the connection. */
    public synchronized void receive(String frame) {
        if (state == ClientState.CLOSED) {
            return;
        }
        List<Command> commands;
        try {
            commands = CommandDecoder.decode(frame);
        } catch (MalformedFrameException e) {
            disconnect(Disconnect.BAD_REQUEST, e.getMessage());
            return;
        }

        StringBuilder replies = new StringBuilder();
        try {
            for (Command command : commands) {
                replies.append(handle(command));
            }
        } catch (ClientDisconnect e) {
            send(replies);
            disconnect(e.disconnect(), e.getMessage());
            return;
        }
        send(replies);
    }

    /** Called by the scheduler at or after the deadline: a connecting client is stale, a connected one expired. */
    public synchronized void deadlineReached() {
        if (state == ClientState.CLOSED || deadlineMillis == NO_DEADLINE) {
            return;
        }
        if (clock.millis() < deadlineMillis) {
            scheduler.schedule(this, deadlineMillis);
            return;
        }
        if (state == ClientState.CONNECTING) {
            disconnect(Disconnect.STALE, "no connect in time");
        } else {
            disconnect(Disconnect.EXPIRED, "not refreshed within the grace period");
        }
    }

    /**
     * The application is stopping: the client is told to come back later. The scheduler is left alone,
     * since it stops with the application and may already be gone.
     */
    public synchronized void shutdown() {
        if (state != ClientState.CLOSED) {
            state = ClientState.CLOSED;
            deadlineMillis = NO_DEADLINE;
            transport.close(Disconnect.SHUTDOWN);
        }
    }

    /** The socket closed, whoever closed it; nothing of the client stays scheduled. */
    public synchronized void transportClosed() {
        if (state != ClientState.CLOSED) {
            state = ClientState.CLOSED;
            deadlineMillis = NO_DEADLINE;
            scheduler.cancel(this);
        }
    }

    public String id() {
        return id;
    }

    public synchronized ClientState state() {
        return state;
    }

    public synchronized String user() {
        return user;
    }

    /** The connection's info from its token ({@code info} JSON or decoded {@code b64info}), or null. */
    public synchronized byte[] info() {
        return info == null ? null : info.clone();
    }

    /** When the connection's credentials expire, in epoch milliseconds, or 0 when they never do. */
    public synchronized long expiresAtMillis() {
        return expiresAtMillis;
    }

    private String handle(Command command) throws ClientDisconnect {
        Method method = command.method().orElse(null);
        if (command.id() == 0 && method != Method.SEND) {
            throw new ClientDisconnect(Disconnect.BAD_REQUEST, "command without id");
        }
        if (state == ClientState.CONNECTING) {
            if (method != Method.CONNECT) {
                throw new ClientDisconnect(Disconnect.BAD_REQUEST, "first command is not connect");
            }
            return connect(command);
        }
        if (method == Method.CONNECT) {
            throw new ClientDisconnect(Disconnect.BAD_REQUEST, "second connect");
        }
        if (method == Method.REFRESH) {
            return refresh(command);
        }
        if (method == Method.PING) {
            return Replies.empty(command.id());
        }
        // A send (fire-and-forget, id 0) has nowhere to put an error.
        return command.id() == 0 ? "" : Replies.error(command.id(), ErrorCode.METHOD_NOT_FOUND);
    }

    private String connect(Command command) throws ClientDisconnect {
        String token = tokenParam(command);
        long now = clock.millis();
        ConnectionToken credentials;
        if (token.isEmpty()) {
            if (!rules.anonymous() && !rules.insecure()) {
                throw new ClientDisconnect(Disconnect.BAD_REQUEST, "no credentials");
            }
            credentials = new ConnectionToken("", ConnectionToken.NEVER, null);
        } else {
            try {
                credentials = verifier.verify(token, now);
            } catch (InvalidTokenException e) {
                throw new ClientDisconnect(Disconnect.INVALID_TOKEN, "connect: " + e.getMessage());
            } catch (ExpiredTokenException e) {
                LOG.log(Level.FINE, "client {0}: connect refused, {1}", new Object[] {id, e.getMessage()});
                return Replies.error(command.id(), ErrorCode.TOKEN_EXPIRED);
            }
        }

        state = ClientState.CONNECTED;
        user = credentials.user();
        info = credentials.info();
        applyExpiry(credentials);
        LOG.log(Level.FINE, "client {0}: connected, user {1}", new Object[] {id, user});
        return Replies.result(command.id(), expiryResult(now));
    }

    private String refresh(Command command) throws ClientDisconnect {
        String token = tokenParam(command);
        if (token.isEmpty()) {
            throw new ClientDisconnect(Disconnect.BAD_REQUEST, "refresh without token");
        }
        long now = clock.millis();
        ConnectionToken credentials;
        try {
            credentials = verifier.verify(token, now);
        } catch (InvalidTokenException e) {
            throw new ClientDisconnect(Disconnect.INVALID_TOKEN, "refresh: " + e.getMessage());
        } catch (ExpiredTokenException e) {
            throw new ClientDisconnect(Disconnect.EXPIRED, "refresh: " + e.getMessage());
        }
        if (!credentials.user().equals(user)) {
            throw new ClientDisconnect(Disconnect.INVALID_TOKEN, "refresh token for another user");
        }

        if (credentials.info() != null) {
            info = credentials.info();
        }
        applyExpiry(credentials);
        return Replies.result(command.id(), expiryResult(now));
    }

    /** A token without {@code exp}, or insecure mode, makes the connection non-expiring. */
    private void applyExpiry(ConnectionToken credentials) {
        expiresAtMillis = rules.insecure() ? ConnectionToken.NEVER : credentials.expiresAtMillis();
        if (expiresAtMillis == ConnectionToken.NEVER) {
            setDeadline(NO_DEADLINE);
        } else {
            setDeadline(expiresAtMillis + rules.expiredCloseDelayMillis());
        }
    }

    /** The result of connect and refresh; {@code ttl} is in whole seconds, as the Go server computes it. */
    private JsonObject expiryResult(long nowMillis) {
        JsonObjectBuilder result = CachedJson.object()
                .add("client", id)
                .add("version", rules.serverVersion());
        if (expiresAtMillis != ConnectionToken.NEVER) {
            long ttl = Math.floorDiv(expiresAtMillis, 1000) - Math.floorDiv(nowMillis, 1000);
            result.add("expires", true);
            if (ttl > 0) {
                result.add("ttl", ttl);
            }
        }
        return result.build();
    }

    private static String tokenParam(Command command) throws ClientDisconnect {
        JsonValue token = command.params().get("token");
        if (token == null || token == JsonValue.NULL) {
            return "";
        }
        if (token instanceof JsonString text) {
            return text.getString();
        }
        throw new ClientDisconnect(Disconnect.BAD_REQUEST, "token is not a string");
    }

    private void setDeadline(long atMillis) {
        deadlineMillis = atMillis;
        if (atMillis == NO_DEADLINE) {
            scheduler.cancel(this);
        } else {
            scheduler.schedule(this, atMillis);
        }
    }

    private void send(StringBuilder replies) {
        if (!replies.isEmpty()) {
            transport.send(replies.toString());
        }
    }

    private void disconnect(Disconnect disconnect, String detail) {
        state = ClientState.CLOSED;
        deadlineMillis = NO_DEADLINE;
        scheduler.cancel(this);
        LOG.log(Level.FINE, "client {0}: disconnect {1} {2}, user {3}: {4}",
                new Object[] {id, disconnect.code(), disconnect.reason(), user, detail});
        transport.close(disconnect);
    }
}
