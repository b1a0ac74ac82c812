package org.p2gate.mbus.wireless;

/**
 * The master's validation of what a bound meter sends, before the link acts on it (DESIGN.md "Security";
 * P2 4.2.2 §5.2: the frame counter must be higher than the last validated one and decryption must show the
 * 2F 2F fillers). A message it rejects opens no FAC, completes no command and reaches no listener; the link
 * counts and logs the reason.
 */
@FunctionalInterface
public interface FrameAdmission {

    /** Admits everything that passed the link's own checks (for tests and installation without keys). */
    FrameAdmission ANY = message -> Verdict.ACCEPT;

    Verdict check(WirelessMessage message);

    /**
     * Whether commands for {@code device} are worth a frequent access cycle now: not while the master cannot read the
     * meter for want of its key and no key transfer waits (P2 §8.4.2.2, §8.4.2.4: commands in clear are refused by a
     * keyed meter). The link arms no opener while this is false and ends a running cycle.
     */
    default boolean cycleWanted(org.p2gate.mbus.transport.ShortId device) {
        return true;
    }

    /**
     * @param accepted   whether the message may be used
     * @param reason     why not (empty when accepted)
     * @param opensCycle whether the meter's frequent access cycle may still be served although its data is not
     *                   used: a meter whose key the E-meter does not (yet) know, with a key transfer waiting for it
     *                   (P2 §8.4.2.4: the key exchange is unencrypted and wrapped with the default key, §6.5)
     */
    record Verdict(boolean accepted, String reason, boolean opensCycle) {
        public static final Verdict ACCEPT = new Verdict(true, "", true);

        public static Verdict reject(String reason) {
            return new Verdict(false, reason, false);
        }

        /** The data is not used, but the access cycle it opens may carry the waiting key transfer. */
        public static Verdict rejectDataServeCycle(String reason) {
            return new Verdict(false, reason, true);
        }
    }
}
