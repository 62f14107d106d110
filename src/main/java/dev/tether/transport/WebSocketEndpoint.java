package dev.tether.transport;

import dev.tether.client.Client;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Centrifugo v2 WebSocket endpoint. It only adapts the socket to a {@link Client}, which does the
 * protocol's work. A message larger than {@code websocket_message_size_limit} bytes closes the socket with
 * 1009, as Centrifugo's WebSocket library does. Handshakes from pages outside {@code allowed_origins} are
 * refused by {@link EndpointConfigurator}, which also makes one instance serve every connection: all
 * per-connection state lives in the session's {@link Client}.
 */
@ServerEndpoint(value = "/connection/websocket", configurator = EndpointConfigurator.class)
public class WebSocketEndpoint {

    private static final Logger LOG = Logger.getLogger(WebSocketEndpoint.class.getName());
    private static final String CLIENT = Client.class.getName();

    private final ClientHub hub;

    WebSocketEndpoint(ClientHub hub) {
        this.hub = hub;
    }

    @OnOpen
    public void open(Session session) {
        // A hint for the container's buffers; the limit itself is checked on each message below.
        session.setMaxTextMessageBufferSize(hub.messageSizeLimit());
        session.setMaxBinaryMessageBufferSize(hub.messageSizeLimit());
        session.getUserProperties().put(CLIENT, hub.open(new WebSocketTransport(session)));
    }

    @OnMessage
    public void text(Session session, String frame) {
        if (exceedsLimit(frame, hub.messageSizeLimit())) {
            refuseTooBig(session);
            return;
        }
        client(session).receive(frame);
    }

    /** Centrifugo reads JSON from binary frames too; anything but UTF-8 text is a bad request. */
    @OnMessage
    public void binary(Session session, ByteBuffer frame) {
        if (frame.remaining() > hub.messageSizeLimit()) {
            refuseTooBig(session);
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(frame)
                    .toString();
        } catch (CharacterCodingException notText) {
            text = "";
        }
        client(session).receive(text);
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        hub.closed(client(session));
    }

    @OnError
    public void error(Session session, Throwable error) {
        LOG.log(Level.FINE, "session " + session.getId() + ": transport error", error);
    }

    private static void refuseTooBig(Session session) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.TOO_BIG, "message too big"));
        } catch (IOException e) {
            LOG.log(Level.FINE, "session " + session.getId() + ": close failed", e);
        }
    }

    /**
     * Whether the message is larger on the wire than the limit. A UTF-16 char takes at most 3 bytes in UTF-8
     * (a surrogate pair, two chars, takes 4), so most messages are settled by their length alone.
     */
    private static boolean exceedsLimit(String text, int limitBytes) {
        return (long) text.length() * 3 > limitBytes && utf8Length(text) > limitBytes;
    }

    /** The message's size on the wire, counted without copying it. */
    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static Client client(Session session) {
        return (Client) session.getUserProperties().get(CLIENT);
    }
}
