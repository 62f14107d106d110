package dev.tether.client;

/**
 * Calls {@link Client#deadlineReached()} once a client's deadline has come. A client has at most one
 * deadline: scheduling again replaces it, and cancelling forgets the client entirely.
 */
public interface DeadlineScheduler {

    void schedule(Client client, long atEpochMillis);

    void cancel(Client client);
}
