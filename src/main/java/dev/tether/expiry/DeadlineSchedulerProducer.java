package dev.tether.expiry;

import dev.tether.client.DeadlineScheduler;
import dev.tether.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Hands clients the scheduler that {@code expiry_scheduler} names; only that one is ever created. */
@ApplicationScoped
public class DeadlineSchedulerProducer {

    private static final Logger LOG = Logger.getLogger(DeadlineSchedulerProducer.class.getName());

    @Inject
    Instance<QueueScheduler> queue;

    @Inject
    Instance<PerConnectionTimers> perConnection;

    @Produces
    @Singleton
    DeadlineScheduler scheduler(Settings settings) {
        LOG.log(Level.INFO, "enforcing connection deadlines with the {0} scheduler", settings.expiryScheduler());
        return switch (settings.expiryScheduler()) {
            case QUEUE -> queue.get();
            case PER_CONNECTION -> perConnection.get();
        };
    }
}
