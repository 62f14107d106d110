package dev.tether.expiry;

import dev.tether.client.Client;
import dev.tether.client.DeadlineScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.LocalBean;
import jakarta.ejb.NoSuchObjectLocalException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.util.Date;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Enforces every client's deadline through the EJB TimerService with one non-persistent single-action
 * timer, always armed for the earliest deadline in a {@link DeadlineQueue}. Connecting or refreshing
 * moves an entry in the queue; the container timer is re-armed only when the earliest deadline comes
 * sooner than the one it is armed for. When the timer fires, every due client is told, and the timer is
 * armed again for the next deadline.
 *
 * <p>The container delivers a timeout no sooner than its {@code minimum-delivery-interval-in-millis}
 * after the timer was created (1000 ms in a default Payara). Deadlines closer together than that are
 * enforced late by up to that interval, so {@code server-config} lowers it.
 *
 * <p>Threading: the queue has its own lock; {@link #armed} and {@link #armedFor} are guarded by this
 * object's monitor. Clients are called with neither held.
 */
@Singleton
@LocalBean
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ExpiryTimer implements DeadlineScheduler {

    private static final Logger LOG = Logger.getLogger(ExpiryTimer.class.getName());
    private static final long NOT_ARMED = Long.MAX_VALUE;

    @Resource
    private TimerService timerService;

    private final DeadlineQueue<Client> queue = new DeadlineQueue<>();
    private Timer armed;
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

    @Timeout
    void deadlinesReached(Timer timer) {
        synchronized (this) {
            if (timer.equals(armed)) {
                armed = null;
                armedFor = NOT_ARMED;
            }
        }
        List<Client> due = queue.takeDue(System.currentTimeMillis());
        for (Client client : due) {
            try {
                client.deadlineReached();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "client " + client.id() + ": closing at its deadline failed", e);
            }
        }
        queue.earliest().ifPresent(this::armNoLaterThan);
    }

    @PreDestroy
    void disarm() {
        synchronized (this) {
            cancelArmed();
        }
    }

    private synchronized void armNoLaterThan(long atEpochMillis) {
        if (atEpochMillis >= armedFor) {
            return;
        }
        cancelArmed();
        armed = timerService.createSingleActionTimer(new Date(atEpochMillis), new TimerConfig(null, false));
        armedFor = atEpochMillis;
    }

    private void cancelArmed() {
        if (armed == null) {
            return;
        }
        try {
            armed.cancel();
        } catch (NoSuchObjectLocalException | IllegalStateException alreadyGone) {
            // It fired or was cancelled meanwhile; nothing is left to cancel.
        }
        armed = null;
        armedFor = NOT_ARMED;
    }
}
