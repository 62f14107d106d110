package dev.tether.transport;

import dev.tether.client.Client;
import dev.tether.client.ClientTransport;
import dev.tether.client.ConnectionRules;
import dev.tether.client.DeadlineScheduler;
import dev.tether.config.Settings;
import dev.tether.token.TokenVerifier;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Creates the clients of this node, knows which are open, and closes them all with {@code shutdown} when
 * the application stops: on undeploy through {@link PreDestroy}, and on a server stop through a JVM
 * shutdown hook, since a stopping server closes its sockets before it destroys the application's beans.
 */
@ApplicationScoped
public class ClientHub {

    private static final Logger LOG = Logger.getLogger(ClientHub.class.getName());

    @Inject
    Settings settings;

    @Inject
    TokenVerifier verifier;

    @Inject
    DeadlineScheduler scheduler;

    private final Set<Client> open = ConcurrentHashMap.newKeySet();
    private ConnectionRules rules;
    private Thread serverStopping;

    @PostConstruct
    void start() {
        rules = ConnectionRules.from(settings, ServerVersion.current());
        serverStopping = new Thread(this::shutdown, "tether-shutdown");
        Runtime.getRuntime().addShutdownHook(serverStopping);
    }

    /** A new client on a just-opened socket, with its stale deadline running. */
    Client open(ClientTransport transport) {
        Client client = new Client(rules, verifier, scheduler, InstantSource.system(), transport);
        open.add(client);
        client.opened();
        return client;
    }

    void closed(Client client) {
        client.transportClosed();
        open.remove(client);
    }

    int messageSizeLimit() {
        return settings.messageSizeLimit();
    }

    @PreDestroy
    void undeployed() {
        try {
            Runtime.getRuntime().removeShutdownHook(serverStopping);
        } catch (IllegalStateException serverAlreadyStopping) {
            // The hook is running or has run; closing twice is harmless.
        }
        shutdown();
    }

    private void shutdown() {
        if (open.isEmpty()) {
            return;
        }
        LOG.log(Level.INFO, "closing {0} connections: shutdown", open.size());
        for (Client client : open) {
            try {
                client.shutdown();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "client " + client.id() + ": closing at shutdown failed", e);
            }
        }
    }
}
