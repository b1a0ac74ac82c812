package org.p2gate.mbus.wireless;

import org.p2gate.mbus.transport.ConfigurationWord;
import org.p2gate.mbus.transport.ShortId;

/**
 * Work for a bound meter, sent inside its next frequent access cycle (P2 4.2.2 §4.4.3–4.4.6). The link
 * builds the frame around it (C-field, the target's Short ID in the long header, the E-meter's access
 * number, status 00h); the {@link Payload} gives the configuration word and the application data. It is
 * asked again for every attempt, so a mode-15 command can carry a fresh frame counter (P2 §5.2).
 *
 * @param name      what it is, for logs and errors (e.g. "key transfer")
 * @param request   what kind of message carries it
 * @param payload   the configuration word and data of each attempt
 * @param freshData whether its data go stale (the clock's time): it is then encoded inside the cycle, seconds before
 *                  it goes out, and a void REQ_UD2 opens the cycle (P2 §4.4 remark: "to gain time and prepare"),
 *                  rather than armed for the meter's hourly SND_NR an hour ahead
 */
public record WirelessCommand(String name, Request request, Payload payload, boolean freshData) {

    /** The E-meter's messages inside a FAC that expect an answer (P2 Table 6). */
    public enum Request {
        /** SND_UD C 53h CI 5Bh: readout list, or (CW 0000h) set key; answered by ACK C 00h CI 8Ah. */
        CONTROL(0x53, 0x5B),
        /** SND_UD C 53h CI 6Ch: clock synchronisation; answered by ACK C 00h CI 8Ah. */
        CLOCK_SYNCHRONISATION(0x53, 0x6C),
        /** REQ_UD2 C 5Bh CI 80h: on-demand data; answered by RSP_UD C 08h CI 7Ah. */
        READ(0x5B, 0x80);

        private final int c;
        private final int ci;

        Request(int c, int ci) {
            this.c = c;
            this.ci = ci;
        }

        public int cField() {
            return c;
        }

        public int ci() {
            return ci;
        }

        /** Whether the meter answers with ACK (else with RSP_UD). */
        public boolean expectsAck() {
            return this != READ;
        }
    }

    /** The part of the message after the long header's ACC and status. */
    @FunctionalInterface
    public interface Payload {
        /**
         * @param target       the meter
         * @param accessNumber the E-meter's access number in this attempt's long header
         * @param attempt      1 for the first attempt, 2, 3 … for repetitions
         */
        Encoded encode(ShortId target, int accessNumber, int attempt);
    }

    /**
     * @param configuration P2 §4.2.6: the E-meter sets every bit except MMMM (0 or 15) and NNNN to 0
     * @param data          the application data (for mode 15 the encrypted blocks and the clear frame counter record)
     */
    public record Encoded(ConfigurationWord configuration, byte[] data) {
        public Encoded {
            if (configuration == null || data == null) {
                throw new IllegalArgumentException("an encoded command needs a configuration word and data");
            }
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    public WirelessCommand {
        if (name == null || request == null || payload == null) {
            throw new IllegalArgumentException("a wireless command needs a name, a request kind and a payload");
        }
    }

    /** A command whose data keep: it may be encoded ahead and armed for the meter's next SND_NR. */
    public WirelessCommand(String name, Request request, Payload payload) {
        this(name, request, payload, false);
    }

    /** This command, encoded only inside the cycle (see {@code freshData}). */
    public WirelessCommand withFreshData() {
        return new WirelessCommand(name, request, payload, true);
    }

    /** REQ_UD2 CI 80h without application data (P2 §4.4.5). */
    public static WirelessCommand read(String name) {
        return new WirelessCommand(name, Request.READ, (t, acc, attempt) -> new Encoded(ConfigurationWord.NONE, new byte[0]));
    }

    @Override
    public String toString() {
        return name + " (" + request + ")";
    }
}
