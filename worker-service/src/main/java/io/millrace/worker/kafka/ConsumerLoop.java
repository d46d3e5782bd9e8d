package io.millrace.worker.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A consumer's loop on a thread of its own, shared by the worker's intakes: it runs turns until it is closed,
 * pauses after an unexpected error so that a lasting one does not spin, and closes the clients when it ends.
 * {@link #close} wakes the consumer so that a turn blocked in {@code poll} ends at once.
 */
final class ConsumerLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);

    /** The pause after an unexpected error. */
    static final Duration ERROR_PAUSE = Duration.ofSeconds(1);

    /** One turn of the loop: poll, take, start. */
    interface Turn {
        void run() throws InterruptedException;
    }

    private final String name;
    private final String what;
    private final Consumer<?, ?> consumer;
    private final Turn turn;
    private final Runnable closeClients;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread thread;
    private volatile boolean looping = true;

    /**
     * @param name         the thread's name
     * @param what         what the loop is, for log lines ("the task intake of worker w1")
     * @param closeClients closes the consumer and whatever else the loop's owner gives it, once, when it ends
     */
    ConsumerLoop(String name, String what, Consumer<?, ?> consumer, Turn turn, Runnable closeClients) {
        this.name = name;
        this.what = what;
        this.consumer = consumer;
        this.turn = turn;
        this.closeClients = closeClients;
    }

    /** Starts the loop; a daemon thread does not keep the process alive. */
    synchronized void start(boolean daemon) {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        thread = Thread.ofPlatform().name(name).daemon(daemon).start(this::loop);
    }

    private void loop() {
        try {
            while (looping) {
                try {
                    turn.run();
                } catch (WakeupException e) {
                    // close() wants the loop to look at its flag now
                } catch (InterruptedException e) {
                    if (looping) {
                        LOG.warn("{} was interrupted; it stops", what);
                    }
                    looping = false;
                } catch (RuntimeException e) {
                    LOG.error("{} failed; it goes on in {}", what, ERROR_PAUSE, e);
                    pauseAfterError();
                }
            }
        } finally {
            closeClients.run();
            stopped.countDown();
        }
    }

    private void pauseAfterError() {
        try {
            idle(ERROR_PAUSE);
        } catch (InterruptedException e) {
            looping = false;
        }
    }

    /** Waits {@code d} in a turn that has nothing to poll, or less when the loop is closed meanwhile. */
    void idle(Duration d) throws InterruptedException {
        closing.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends the loop and waits for it to close the clients; closes them itself when the loop never started. */
    @Override
    public void close() {
        looping = false;
        closing.countDown();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            closeClients.run();
            return;
        }
        consumer.wakeup();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
