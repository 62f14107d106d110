package dev.tether.transport;

import dev.tether.client.Client;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Centrifugo v2 WebSocket endpoint. It only adapts the socket to a {@link Client}, which does the
 * protocol's work. A message larger than {@code websocket_message_size_limit} is refused by the container
 * with close code 1009, as Centrifugo's WebSocket library does.
 */
@ServerEndpoint("/connection/websocket")
public class WebSocketEndpoint {

    private static final Logger LOG = Logger.getLogger(WebSocketEndpoint.class.getName());
    private static final String CLIENT = Client.class.getName();

    @Inject
    ClientHub hub;

    @OnOpen
    public void open(Session session) {
        session.setMaxTextMessageBufferSize(hub.messageSizeLimit());
        session.setMaxBinaryMessageBufferSize(hub.messageSizeLimit());
        session.getUserProperties().put(CLIENT, hub.open(new WebSocketTransport(session)));
    }

    @OnMessage
    public void text(Session session, String frame) {
        client(session).receive(frame);
    }

    /** Centrifugo reads JSON from binary frames too; anything but UTF-8 text is a bad request. */
    @OnMessage
    public void binary(Session session, ByteBuffer frame) {
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

    private static Client client(Session session) {
        return (Client) session.getUserProperties().get(CLIENT);
    }
}
