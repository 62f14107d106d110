package dev.tether.bench;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The benchmark's yardstick: a WebSocket endpoint that answers each text message with itself and
 * does nothing else (no token, no CDI, no timers), so that what it costs is the container's share.
 */
@ServerEndpoint("/bare")
public class BareEndpoint {

    @OnMessage
    public String echo(String message) {
        return message;
    }
}
