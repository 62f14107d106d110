package dev.tether.expiry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Owners ordered by deadline, at most one deadline each. Scheduling, moving and cancelling cost
 * O(log n); taking the due owners costs O(log n) each. Thread-safe: every method holds this object's
 * monitor, and none calls out while holding it.
 *
 * @param <T> the owner of a deadline, compared by identity
 */
final class DeadlineQueue<T> {

    private record Entry(long deadline, long sequence, Object owner) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            int byDeadline = Long.compare(deadline, other.deadline);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }

    // Guarded by this.
    private final TreeSet<Entry> byDeadline = new TreeSet<>();
    private final Map<T, Entry> byOwner = new HashMap<>();
    private long nextSequence;

    /** Sets the owner's deadline, replacing any earlier one. */
    synchronized void schedule(T owner, long deadline) {
        Entry entry = new Entry(deadline, nextSequence++, owner);
        Entry previous = byOwner.put(owner, entry);
        if (previous != null) {
            byDeadline.remove(previous);
        }
        byDeadline.add(entry);
    }

    synchronized void cancel(T owner) {
        Entry previous = byOwner.remove(owner);
        if (previous != null) {
            byDeadline.remove(previous);
        }
    }

    /** Removes and returns every owner whose deadline is at or before {@code now}, earliest first. */
    @SuppressWarnings("unchecked")
    synchronized List<T> takeDue(long now) {
        List<T> due = new ArrayList<>();
        while (!byDeadline.isEmpty() && byDeadline.first().deadline() <= now) {
            T owner = (T) byDeadline.pollFirst().owner();
            byOwner.remove(owner);
            due.add(owner);
        }
        return due;
    }

    /** The earliest deadline, if any owner has one. */
    synchronized OptionalLong earliest() {
        return byDeadline.isEmpty() ? OptionalLong.empty() : OptionalLong.of(byDeadline.first().deadline());
    }

    /** How many owners have a deadline. */
    synchronized int size() {
        return byOwner.size();
    }
}
