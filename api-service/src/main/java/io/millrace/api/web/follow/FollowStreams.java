package io.millrace.api.web.follow;

import io.millrace.api.limits.ApiLimits;
import io.millrace.api.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Opens the Server-Sent Event streams of live follows, at most {@code millrace.api.max-follows-per-client}
 * at once per client (its user or token when authenticated, else its address): one more is a 429. A
 * follow's slot is freed when its stream completes, times out or fails; a client that went away without
 * a word is noticed by the heartbeat, a comment sent every {@code millrace.api.follow-heartbeat}, whose
 * write fails.
 */
public final class FollowStreams implements AutoCloseable {

    private final FollowSlots slots;
    private final Duration heartbeat;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("millrace-api-follow-heartbeat").factory());
    /** Heartbeats are written on virtual threads: a client that reads slowly holds up only its own. */
    private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();

    public FollowStreams(ApiLimits limits) {
        this.slots = new FollowSlots(limits.maxFollowsPerClient());
        this.heartbeat = limits.followHeartbeat();
    }

    /**
     * A new follow stream for the client of {@code request}, open at most {@code timeout}.
     *
     * @throws ApiException 429 when the client holds the most follows it may already
     */
    public Follow open(HttpServletRequest request, Duration timeout) {
        String client = client(request);
        if (!slots.tryAcquire(client)) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "this client follows " + slots.maxPerClient()
                + " executions already, the most it may at once (millrace.api.max-follows-per-client);"
                + " close a follow first");
        }
        return new Follow(client, new SseEmitter(timeout.toMillis()));
    }

    /** Who a follow counts against: the authenticated user or token, else the remote address. */
    static String client(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        return principal != null && principal.getName() != null ? "user:" + principal.getName()
            : "address:" + request.getRemoteAddr();
    }

    @Override
    public void close() {
        clock.shutdownNow();
        writers.shutdownNow();
    }

    /** One follow: its stream, and what to do when it ends, however it ends. */
    public final class Follow {

        private final String client;
        private final SseEmitter emitter;
        private final List<Runnable> onEnd = new CopyOnWriteArrayList<>();
        private final AtomicBoolean ended = new AtomicBoolean();
        private final AtomicBoolean beating = new AtomicBoolean();
        private final ScheduledFuture<?> beats;

        private Follow(String client, SseEmitter emitter) {
            this.client = client;
            this.emitter = emitter;
            emitter.onCompletion(this::end);
            emitter.onTimeout(this::end);
            emitter.onError(t -> end());
            this.beats = clock.scheduleAtFixedRate(() -> {
                if (beating.compareAndSet(false, true)) {
                    writers.execute(this::beat);
                }
            }, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        }

        public SseEmitter emitter() {
            return emitter;
        }

        /** Runs {@code action} when the follow ends (at once if it has ended already). */
        public void onEnd(Runnable action) {
            onEnd.add(action);
            if (ended.get() && onEnd.remove(action)) {
                action.run();
            }
        }

        /** Sends {@code event}; a client that went away ends the follow. */
        public void send(SseEmitter.SseEventBuilder event) {
            try {
                emitter.send(event);
            } catch (IOException | IllegalStateException gone) {
                fail(gone);
            }
        }

        /** Ends the stream normally. */
        public void complete() {
            emitter.complete();
        }

        /** Ends the follow before its stream was handed to the client (the request is refused instead). */
        public void abandon() {
            end();
        }

        private void beat() {
            try {
                emitter.send(SseEmitter.event().comment("heartbeat"));
            } catch (IOException | IllegalStateException gone) {
                fail(gone);
            } finally {
                beating.set(false);
            }
        }

        /**
         * The client is gone. Not {@code completeWithError}: that would dispatch the write failure as a
         * request error to log; after a failed send Spring only releases the request.
         */
        private void fail(Exception gone) {
            try {
                emitter.complete();
            } catch (RuntimeException alreadyDone) {
                // completed meanwhile
            }
            // the container may not call back for a connection that is gone: free the slot now
            end();
        }

        private void end() {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            beats.cancel(false);
            slots.release(client);
            for (Runnable action : onEnd) {
                if (onEnd.remove(action)) {
                    action.run();
                }
            }
        }
    }
}
