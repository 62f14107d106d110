package dev.tether.transport;

import dev.tether.client.ClientTransport;
import dev.tether.protocol.Disconnect;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A client's JSR-356 session. Writes are blocking, so replies and the close keep their order. */
final class WebSocketTransport implements ClientTransport {

    private static final Logger LOG = Logger.getLogger(WebSocketTransport.class.getName());

    private final Session session;

    WebSocketTransport(Session session) {
        this.session = session;
    }

    @Override
    public void send(String frame) {
        try {
            session.getBasicRemote().sendText(frame);
        } catch (IOException | IllegalStateException e) {
            // The peer is gone; the container reports the close and the client is released then.
            LOG.log(Level.FINE, "session " + session.getId() + ": write failed", e);
        }
    }

    @Override
    public void close(Disconnect disconnect) {
        CloseReason reason = new CloseReason(
                CloseReason.CloseCodes.getCloseCode(disconnect.code()), disconnect.closeReason());
        try {
            session.close(reason);
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "session " + session.getId() + ": close failed", e);
        }
    }
}
