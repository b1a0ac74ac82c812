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
     * @param accepted whether the message may be used
     * @param reason   why not (empty when accepted)
     */
    record Verdict(boolean accepted, String reason) {
        public static final Verdict ACCEPT = new Verdict(true, "");

        public static Verdict reject(String reason) {
            return new Verdict(false, reason);
        }
    }
}
