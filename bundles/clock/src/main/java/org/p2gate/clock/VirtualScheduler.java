package org.p2gate.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * Virtual time for tests and the simulator: time stands still until the test advances it, and then
 * every task due on the way runs, in due-time order (ties in scheduling order), on the caller's
 * thread. Deterministic: the same schedule gives the same run every time.
 */
public final class VirtualScheduler implements Scheduler {

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private Instant epoch;
    private long nowNanos;
    private long sequence;

    private final class Task implements Comparable<Task>, Scheduled {
        final long due;
        final long order;
        final Runnable action;
        boolean done;

        Task(long due, long order, Runnable action) {
            this.due = due;
            this.order = order;
            this.action = action;
        }

        @Override
        public int compareTo(Task other) {
            return due != other.due ? Long.compare(due, other.due) : Long.compare(order, other.order);
        }

        @Override
        public boolean cancel() {
            synchronized (VirtualScheduler.this) {
                if (done) {
                    return false;
                }
                done = true;
                return queue.remove(this);
            }
        }
    }

    /** @param start the wall-clock time at virtual time zero */
    public VirtualScheduler(Instant start) {
        this.epoch = start;
    }

    @Override
    public synchronized Instant now() {
        return epoch.plusNanos(nowNanos);
    }

    @Override
    public synchronized long nanos() {
        return nowNanos;
    }

    @Override
    public synchronized Scheduled schedule(Duration delay, Runnable task) {
        Task scheduled = new Task(nowNanos + Math.max(0, delay.toNanos()), sequence++, task);
        queue.add(scheduled);
        return scheduled;
    }

    /**
     * Steps the wall clock ({@link #now()}) by {@code step}, forward or back, as an operator or NTP setting the
     * system clock does; the monotonic clock ({@link #nanos()}) and the tasks' due times do not move.
     */
    public synchronized void stepWallClock(Duration step) {
        epoch = epoch.plus(step);
    }

    /** Moves time forward by {@code duration}, running every task that falls due on the way. */
    public void advance(Duration duration) {
        long until;
        synchronized (this) {
            until = nowNanos + duration.toNanos();
        }
        runUntil(until);
        synchronized (this) {
            nowNanos = Math.max(nowNanos, until);
        }
    }

    /** Runs the tasks due now (and those they schedule for now), without moving time. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /**
     * Runs every task, moving time to each one's due time, until none is left or {@code limit} has
     * passed; returns the time that passed.
     */
    public Duration runUntilIdle(Duration limit) {
        long start;
        synchronized (this) {
            start = nowNanos;
        }
        runUntil(start + limit.toNanos());
        synchronized (this) {
            return Duration.ofNanos(nowNanos - start);
        }
    }

    /** The tasks waiting. */
    public synchronized int pending() {
        return queue.size();
    }

    private void runUntil(long until) {
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due > until) {
                    return;
                }
                queue.poll();
                next.done = true;
                nowNanos = Math.max(nowNanos, next.due);
            }
            next.action.run();
        }
    }
}
