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

    /**
     * Writes the frame with the platform class loader as the thread's context class loader. Each write makes
     * the container re-arm the session's idle timer on its managed scheduler, and Payara 6 then looks up
     * thread-context providers with a {@link java.util.ServiceLoader} scan through the context class loader:
     * through the application's, that scan walks every server module and costs more than the rest of the
     * command; through the platform loader it finds nothing at once. The write itself needs no class of the
     * application.
     */
    @Override
    public void send(String frame) {
        Thread thread = Thread.currentThread();
        ClassLoader application = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            session.getBasicRemote().sendText(frame);
        } catch (IOException | IllegalStateException e) {
            // The peer is gone; the container reports the close and the client is released then.
            LOG.log(Level.FINE, "session " + session.getId() + ": write failed", e);
        } finally {
            thread.setContextClassLoader(application);
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
