package dev.tether.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The ways of enforcing connection deadlines through the EJB TimerService ({@code expiry_scheduler}). */
public enum ExpiryScheduler {

    /** One timer, always armed for the earliest deadline of an ordered queue: the default. */
    QUEUE("queue"),
    /** One timer per connection, re-created at every refresh: kept to compare against. */
    PER_CONNECTION("per-connection");

    private final String name;

    ExpiryScheduler(String name) {
        this.name = name;
    }

    static ExpiryScheduler of(String name) {
        return Arrays.stream(values())
                .filter(scheduler -> scheduler.name.equals(name.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "expiry_scheduler must be one of " + names() + ", was " + name));
    }

    private static String names() {
        return Arrays.stream(values()).map(scheduler -> scheduler.name).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return name;
    }
}
