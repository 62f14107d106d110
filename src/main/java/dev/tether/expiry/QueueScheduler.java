package dev.tether.expiry;

import dev.tether.client.Client;
import dev.tether.client.DeadlineScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The default scheduler: every client's deadline in one {@link DeadlineQueue}, enforced by the one EJB timer
 * of {@link ExpiryTimer}, always armed for the earliest deadline. Connecting or refreshing moves an entry in
 * the queue, in plain Java; the container is asked to re-arm its timer only when the earliest deadline comes
 * sooner than the one it is armed for. When the timer fires, every due client is told, and the timer is
 * armed again for the next deadline.
 *
 * <p>Threading: the queue has its own lock; {@link #armedFor} is guarded by this object's monitor. Clients
 * are called with neither held. The timer is armed no later than the earliest deadline whenever the firing
 * path is not running, and that path re-arms for the earliest deadline before it returns.
 */
@ApplicationScoped
@Typed(QueueScheduler.class) // clients get their scheduler from DeadlineSchedulerProducer
public class QueueScheduler implements DeadlineScheduler {

    private static final Logger LOG = Logger.getLogger(QueueScheduler.class.getName());
    private static final long NOT_ARMED = Long.MAX_VALUE;

    @Inject
    ExpiryTimer timer;

    private final DeadlineQueue<Client> queue = new DeadlineQueue<>();
    private long armedFor = NOT_ARMED;

    @Override
    public void schedule(Client client, long atEpochMillis) {
        queue.schedule(client, atEpochMillis);
        armNoLaterThan(atEpochMillis);
    }

    @Override
    public void cancel(Client client) {
        queue.cancel(client);
    }

    /** The timer fired: tell every due client, then arm for the next deadline. */
    void deadlinesReached() {
        synchronized (this) {
            armedFor = NOT_ARMED;
        }
        for (Client client : queue.takeDue(System.currentTimeMillis())) {
            try {
                client.deadlineReached();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "client " + client.id() + ": closing at its deadline failed", e);
            }
        }
        queue.earliest().ifPresent(this::armNoLaterThan);
    }

    private synchronized void armNoLaterThan(long atEpochMillis) {
        if (atEpochMillis < armedFor) {
            timer.arm(atEpochMillis);
            armedFor = atEpochMillis;
        }
    }
}
