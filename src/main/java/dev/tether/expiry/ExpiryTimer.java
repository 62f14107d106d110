package dev.tether.expiry;

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
import jakarta.inject.Inject;

import java.util.Date;

/**
 * The one non-persistent EJB single-action timer behind {@link QueueScheduler}: armed for a moment, re-armed
 * for an earlier one, and on timeout it hands over to the queue.
 *
 * <p>The container delivers a timeout no sooner than its {@code minimum-delivery-interval-in-millis} after
 * the timer was created (1000 ms in a default Payara). Deadlines closer together than that would be
 * enforced late by up to that interval, so {@code server-config} lowers it.
 *
 * <p>Threading: {@link #armed} is guarded by this object's monitor; the queue is called without it.
 */
@Singleton
@LocalBean
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ExpiryTimer {

    @Resource
    private TimerService timerService;

    @Inject
    QueueScheduler queue;

    private Timer armed;

    /** Fires at {@code atEpochMillis} instead of whenever it was armed for before. */
    public synchronized void arm(long atEpochMillis) {
        cancelArmed();
        armed = timerService.createSingleActionTimer(new Date(atEpochMillis), new TimerConfig(null, false));
    }

    @Timeout
    void fired(Timer timer) {
        synchronized (this) {
            if (!timer.equals(armed)) {
                return;
            }
            armed = null;
        }
        queue.deadlinesReached();
    }

    @PreDestroy
    synchronized void disarm() {
        cancelArmed();
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
    }
}
