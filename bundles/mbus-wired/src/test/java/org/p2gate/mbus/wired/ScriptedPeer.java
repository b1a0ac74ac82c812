package org.p2gate.mbus.wired;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.p2gate.clock.VirtualScheduler;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.frame.SingleCharacter;

/**
 * The bus end of an in-memory pair, answering the master with scripted bytes at scripted virtual times. It
 * models the wire: a request of n bytes ends n × 11 bit times after it was handed over; a reply starting
 * at {@code t} delivers its byte i when the byte's stop bit is through, at {@code t + (i + 1) × 11} bit
 * times (plus any scripted gap). Replies of two devices to the same request are merged per character slot
 * with a bitwise AND (M-Bus: a space, 0, from any slave wins over a mark, 1).
 */
final class ScriptedPeer implements WiredTransport.Receiver {

    /** A request the master sent, and when it was handed to the transport (virtual ns). */
    record Request(long at, byte[] bytes) {
        int address() {
            return (bytes[0] & 0xFF) == 0x10 ? bytes[2] & 0xFF : bytes[5] & 0xFF;
        }

        int c() {
            return (bytes[0] & 0xFF) == 0x10 ? bytes[1] & 0xFF : bytes[4] & 0xFF;
        }
    }

    /**
     * One device's reply.
     *
     * @param bytes    what it sends
     * @param start    when it starts, after the request's last bit; null: the earliest allowed moment (11 bit times)
     * @param gapAfter the index of the byte after which the line idles for {@code gap} (-1: none)
     */
    record Reply(byte[] bytes, Duration start, int gapAfter, Duration gap) {
        static Reply of(byte[] bytes) {
            return new Reply(bytes, null, -1, Duration.ZERO);
        }

        static Reply of(int... bytes) {
            byte[] b = new byte[bytes.length];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) bytes[i];
            }
            return of(b);
        }

        Reply startingAfter(Duration delay) {
            return new Reply(bytes, delay, gapAfter, gap);
        }

        Reply withGapAfter(int index, Duration idle) {
            return new Reply(bytes, start, index, idle);
        }

        Reply preceededBy(int... noise) {
            byte[] b = new byte[noise.length + bytes.length];
            for (int i = 0; i < noise.length; i++) {
                b[i] = (byte) noise[i];
            }
            System.arraycopy(bytes, 0, b, noise.length, bytes.length);
            return new Reply(b, start, gapAfter, gap);
        }

        Reply firstBytes(int count) {
            return new Reply(Arrays.copyOf(bytes, count), start, gapAfter, gap);
        }

        Reply withByte(int index, int value) {
            byte[] b = bytes.clone();
            b[index] = (byte) value;
            return new Reply(b, start, gapAfter, gap);
        }
    }

    /** The answer of nobody. */
    static final List<Reply> SILENCE = List.of();

    private final VirtualScheduler scheduler;
    private final InMemoryTransport bus;
    private final LinkSettings settings;
    private final List<Request> requests = new ArrayList<>();
    private final Map<Integer, Deque<List<Reply>>> scripts = new HashMap<>();
    private final Map<Integer, List<LongFrame>> devices = new HashMap<>();
    private boolean echo;

    ScriptedPeer(VirtualScheduler scheduler, InMemoryTransport bus, LinkSettings settings) throws IOException {
        this.scheduler = scheduler;
        this.bus = bus;
        this.settings = settings;
        bus.open(this);
    }

    /** Echoes every request byte back as it is sent, like some level converters. */
    ScriptedPeer echoing() {
        echo = true;
        return this;
    }

    /** The next requests to {@code address} get these replies, one list per request; then the devices answer. */
    @SafeVarargs
    final ScriptedPeer script(int address, List<Reply>... perRequest) {
        Deque<List<Reply>> queue = scripts.computeIfAbsent(address, a -> new ArrayDeque<>());
        queue.addAll(Arrays.asList(perRequest));
        return this;
    }

    /** A well-behaved device: E5h to SND_NKE and SND_UD, {@code rspUd} to REQ_UD2, at the earliest moment. */
    ScriptedPeer device(int address, LongFrame rspUd) {
        devices.computeIfAbsent(address, a -> new ArrayList<>()).add(rspUd);
        return this;
    }

    List<Request> requests() {
        return requests;
    }

    @Override
    public void received(byte[] bytes, int offset, int length) {
        long now = scheduler.nanos();
        byte[] request = Arrays.copyOfRange(bytes, offset, offset + length);
        Request r = new Request(now, request);
        requests.add(r);
        long requestEnd = now + settings.bitNanos(11L * request.length);
        TreeMap<Long, Integer> slots = new TreeMap<>();
        if (echo) {
            for (int i = 0; i < request.length; i++) {
                put(slots, now + settings.bitNanos(11L * (i + 1)), request[i]);
            }
        }
        for (Reply reply : repliesTo(r)) {
            long start = requestEnd + (reply.start() == null ? settings.earliestAnswerStart() : reply.start()).toNanos();
            for (int i = 0; i < reply.bytes().length; i++) {
                long gap = reply.gapAfter() >= 0 && i > reply.gapAfter() ? reply.gap().toNanos() : 0;
                put(slots, start + gap + settings.bitNanos(11L * (i + 1)), reply.bytes()[i]);
            }
        }
        for (Map.Entry<Long, Integer> slot : slots.entrySet()) {
            byte b = (byte) (int) slot.getValue();
            scheduler.schedule(Duration.ofNanos(slot.getKey() - now), () -> {
                try {
                    bus.send(new byte[] {b});
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    private static void put(TreeMap<Long, Integer> slots, long at, byte value) {
        slots.merge(at, value & 0xFF, (a, b) -> a & b);
    }

    private List<Reply> repliesTo(Request r) {
        Deque<List<Reply>> scripted = scripts.get(r.address());
        if (scripted != null && !scripted.isEmpty()) {
            return scripted.poll();
        }
        List<LongFrame> answering = devices.get(r.address());
        if (answering == null) {
            return SILENCE;
        }
        List<Reply> replies = new ArrayList<>();
        for (LongFrame rsp : answering) {
            replies.add(Reply.of((r.c() & 0x4F) == 0x4B ? rsp.encode() : SingleCharacter.ACK.encode()));
        }
        return replies;
    }

    @Override
    public void failed(IOException cause) {
        throw new IllegalStateException("the bus end does not fail in these tests", cause);
    }
}
