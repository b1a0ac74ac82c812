package org.p2gate.mbus.frame;

/**
 * The single character E5h (EN 13757-2, P2 §3.1 and Table 5): the slave's acknowledgement of SND_NKE and SND_UD
 * (P2 4.2.2 Table 5: "E5h &lt;single char&gt;").
 */
public record SingleCharacter() implements WiredFrame {

    /** The one single character M-Bus uses. */
    public static final SingleCharacter ACK = new SingleCharacter();

    @Override
    public int encodedLength() {
        return 1;
    }

    @Override
    public void encodeTo(byte[] target, int offset) {
        target[offset] = (byte) SINGLE_CHARACTER;
    }

    @Override
    public String toString() {
        return "E5h ACK";
    }
}
