package dev.tether.transport;

import dev.tether.config.Settings;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Refuses the WebSocket handshake (403) of a page from an origin outside {@code allowed_origins}. The
 * container creates this class itself, so the settings are looked up rather than injected.
 */
public class OriginCheck extends ServerEndpointConfig.Configurator {

    private volatile OriginPolicy policy;

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return policy().allows(originHeaderValue);
    }

    private OriginPolicy policy() {
        OriginPolicy current = policy;
        if (current == null) {
            current = new OriginPolicy(CDI.current().select(Settings.class).get().allowedOrigins());
            policy = current;
        }
        return current;
    }
}
