package dev.tether.expiry;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DeadlineQueueTest {

    private final DeadlineQueue<String> queue = new DeadlineQueue<>();

    @Test
    void takesDueOwnersEarliestFirstAndLeavesTheRest() {
        queue.schedule("late", 300);
        queue.schedule("early", 100);
        queue.schedule("middle", 200);

        assertEquals(List.of("early", "middle"), queue.takeDue(200));
        assertEquals(OptionalLong.of(300), queue.earliest());
        assertEquals(1, queue.size());
    }

    @Test
    void schedulingAgainMovesTheDeadline() {
        queue.schedule("a", 100);
        queue.schedule("a", 500);

        assertEquals(List.of(), queue.takeDue(499));
        assertEquals(List.of("a"), queue.takeDue(500));
        assertEquals(0, queue.size());
    }

    @Test
    void cancellingLeavesNothingBehind() {
        queue.schedule("a", 100);
        queue.schedule("b", 100);
        queue.cancel("a");
        queue.cancel("never scheduled");

        assertEquals(List.of("b"), queue.takeDue(1000));
        assertEquals(OptionalLong.empty(), queue.earliest());
        assertEquals(0, queue.size());
    }

    @Test
    void ownersWithTheSameDeadlineAreAllKept() {
        for (int i = 0; i < 1000; i++) {
            queue.schedule("owner" + i, 100);
        }

        assertEquals(1000, queue.takeDue(100).size());
    }
}
