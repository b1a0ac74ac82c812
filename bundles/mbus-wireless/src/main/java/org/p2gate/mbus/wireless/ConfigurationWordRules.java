package org.p2gate.mbus.wireless;

import java.util.Optional;
import org.p2gate.mbus.dsmr.MessageKind;
import org.p2gate.mbus.transport.ConfigurationWord;

/** The configuration word rules of a DSMR wireless link (P2 4.2.2 §3.2.5, §4.2.6, §5.1). */
final class ConfigurationWordRules {

    /** Bit 15 B, bit 14 A, bit 13 S. */
    static final int BIDIRECTIONAL = 0x8000;
    static final int ACCESSIBILITY = 0x4000;
    static final int SYNCHRONOUS = 0x2000;
    /** MMMM (bits 11..8) and NNNN (bits 7..4): the only bits the E-meter may set (§4.2.6). */
    static final int MODE_AND_BLOCKS = 0x0FF0;

    private ConfigurationWordRules() {
    }

    /**
     * What is wrong with the word of a bound meter's message, if anything. §4.2.6: B = 1 and the remaining
     * bits except MMMM and NNNN 0; §3.2.5: limited access, B = 1 and A = 0; S = 1 on SND_NR only; §5.1: mode
     * 0 or 15. The tables of §4.4.3/§4.4.4 print A0h for the ACK's word, so S = 1 on another message is
     * tolerated (the caller counts it), not rejected.
     */
    static Optional<String> meterViolation(MessageKind kind, ConfigurationWord cw) {
        int v = cw.value();
        if ((v & BIDIRECTIONAL) == 0 || (v & ACCESSIBILITY) != 0) {
            return Optional.of(cw + ": P2 §3.2.5 limited access needs B = 1 and A = 0");
        }
        if (cw.mode() != ConfigurationWord.MODE_NONE && cw.mode() != ConfigurationWord.MODE_DSMR_AES_CBC) {
            return Optional.of(cw + ": P2 §5.1 allows encryption method 0 or 15 only");
        }
        if (cw.mode() == ConfigurationWord.MODE_NONE && cw.encryptedBlocks() != 0) {
            return Optional.of(cw + ": encrypted blocks without an encryption method");
        }
        if ((v & ~(BIDIRECTIONAL | SYNCHRONOUS | MODE_AND_BLOCKS)) != 0) {
            return Optional.of(cw + ": P2 §4.2.6 needs every bit but B, S, MMMM and NNNN at 0");
        }
        if (kind == MessageKind.SND_NR && (v & SYNCHRONOUS) == 0) {
            return Optional.of(cw + ": P2 §4.2.6 sets the sync bit S on SND_NR");
        }
        return Optional.empty();
    }

    /** Whether an asynchronous message carries S = 1 (tolerated, see {@link #meterViolation}). */
    static boolean syncOnAsynchronous(MessageKind kind, ConfigurationWord cw) {
        return kind != MessageKind.SND_NR && (cw.value() & SYNCHRONOUS) != 0;
    }

    /** What is wrong with a word the E-meter is about to send (§4.2.6: all bits but MMMM, NNNN 0; §5.1: mode 0 or 15). */
    static Optional<String> emeterViolation(ConfigurationWord cw) {
        if ((cw.value() & ~MODE_AND_BLOCKS) != 0) {
            return Optional.of(cw + ": P2 §4.2.6, the E-meter sets every bit except MMMM and NNNN to 0");
        }
        if (cw.mode() != ConfigurationWord.MODE_NONE && cw.mode() != ConfigurationWord.MODE_DSMR_AES_CBC) {
            return Optional.of(cw + ": P2 §5.1 allows encryption method 0 or 15 only");
        }
        return Optional.empty();
    }
}
