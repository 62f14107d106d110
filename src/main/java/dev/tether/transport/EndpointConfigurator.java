package dev.tether.transport;

import dev.tether.config.Settings;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * How the container sets up the endpoint. It refuses the handshake (403) of a page from an origin outside
 * {@code allowed_origins}, and it hands every connection the same stateless endpoint instance, instead of
 * the container building and injecting one per connection. The container creates this class itself, so
 * beans are looked up rather than injected.
 */
public class EndpointConfigurator extends ServerEndpointConfig.Configurator {

    private volatile OriginPolicy policy;
    private volatile WebSocketEndpoint endpoint;

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        OriginPolicy current = policy;
        if (current == null) {
            current = new OriginPolicy(CDI.current().select(Settings.class).get().allowedOrigins());
            policy = current;
        }
        return current.allows(originHeaderValue);
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        WebSocketEndpoint current = endpoint;
        if (current == null) {
            current = new WebSocketEndpoint(CDI.current().select(ClientHub.class).get());
            endpoint = current;
        }
        return endpointClass.cast(current);
    }
}
