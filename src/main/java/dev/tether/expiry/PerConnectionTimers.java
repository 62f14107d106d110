package dev.tether.expiry;

import dev.tether.client.Client;
import dev.tether.client.DeadlineScheduler;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces deadlines with one non-persistent EJB timer per connection, cancelled and created anew when the
 * deadline moves. Chosen with {@code expiry_scheduler=per-connection}; {@link QueueScheduler} is the default,
 * and the benchmark compares the two.
 *
 * <p>Threading: a client schedules and cancels only while holding its own monitor, so calls for one client
 * never overlap each other; a timeout may race with them, and the maps' conditional removals settle it.
 */
@Singleton
@LocalBean
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PerConnectionTimers implements DeadlineScheduler {

    @Resource
    private TimerService timerService;

    private final Map<Client, Timer> timers = new ConcurrentHashMap<>();
    /** Timer info must be serializable, so a timer carries its client's id, resolved here. */
    private final Map<String, Client> clients = new ConcurrentHashMap<>();

    @Override
    public void schedule(Client client, long atEpochMillis) {
        cancel(client);
        clients.put(client.id(), client);
        timers.put(client, timerService.createSingleActionTimer(
                new Date(atEpochMillis), new TimerConfig(client.id(), false)));
    }

    @Override
    public void cancel(Client client) {
        Timer timer = timers.remove(client);
        clients.remove(client.id());
        if (timer != null) {
            try {
                timer.cancel();
            } catch (NoSuchObjectLocalException | IllegalStateException alreadyGone) {
                // It fired or was cancelled meanwhile.
            }
        }
    }

    @Timeout
    void deadlineReached(Timer timer) {
        Client client = clients.get((String) timer.getInfo());
        if (client == null || !timers.remove(client, timer)) {
            return;
        }
        clients.remove(client.id(), client);
        client.deadlineReached();
    }
}
