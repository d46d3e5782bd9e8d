package io.millrace.api.web.follow;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-client count of live follows. */
class FollowSlotsTest {

    @Test
    void eachClientHasItsOwnBudgetAndAReleasedSlotIsTakenAgain() {
        FollowSlots slots = new FollowSlots(2);
        assertThat(slots.tryAcquire("address:10.0.0.1")).isTrue();
        assertThat(slots.tryAcquire("address:10.0.0.1")).isTrue();
        assertThat(slots.tryAcquire("address:10.0.0.1")).isFalse();
        assertThat(slots.tryAcquire("user:ada")).as("another client").isTrue();

        slots.release("address:10.0.0.1");
        assertThat(slots.held("address:10.0.0.1")).isEqualTo(1);
        assertThat(slots.tryAcquire("address:10.0.0.1")).isTrue();

        slots.release("user:ada");
        assertThat(slots.held("user:ada")).isZero();
    }

    @Test
    void concurrentFollowsNeverExceedTheBudget() throws InterruptedException {
        FollowSlots slots = new FollowSlots(20);
        AtomicInteger granted = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                if (slots.tryAcquire("address:10.0.0.2")) {
                    granted.incrementAndGet();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(granted).hasValue(20);
        assertThat(slots.held("address:10.0.0.2")).isEqualTo(20);
    }
}
