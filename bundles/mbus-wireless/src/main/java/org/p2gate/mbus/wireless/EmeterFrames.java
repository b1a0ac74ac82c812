package org.p2gate.mbus.wireless;

import java.util.Optional;
import org.p2gate.mbus.frame.CField;
import org.p2gate.mbus.frame.WirelessFrame;
import org.p2gate.mbus.transport.CiField;
import org.p2gate.mbus.transport.ConfigurationWord;
import org.p2gate.mbus.transport.LongHeader;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.transport.StatusByte;
import org.p2gate.mbus.transport.TransportLayer;

/**
 * The frames the E-meter sends (P2 4.2.2 §4.4): its own link address (may be zero, §3.2.4), then a long
 * header with the target's Short ID, the E-meter's access number, status 00h (§4.2.5) and the configuration
 * word (§4.2.6).
 */
final class EmeterFrames {

    /** P2 Table 6: SND_NKE C 40h, CNF_IR C 06h, both with CI 80h (transport layer without application data). */
    static final int SND_NKE = 0x40;
    static final int CNF_IR = 0x06;
    static final int REQ_UD2 = 0x5B;
    static final int CI_NO_DATA = 0x80;

    private final ShortId linkAddress;

    EmeterFrames(ShortId linkAddress) {
        this.linkAddress = linkAddress;
    }

    /** A frame without CRCs: L C M A CI, long header, data. */
    byte[] frame(int c, int ci, ShortId target, int accessNumber, ConfigurationWord cw, byte[] data) {
        LongHeader header = LongHeader.of(target, accessNumber, StatusByte.OK, cw);
        byte[] linkData = TransportLayer.of(CiField.of(ci), Optional.of(header), data.length).encode(data);
        return new WirelessFrame(CField.of(c), linkAddress, linkData).encodeWithoutCrcs();
    }

    /** P2 §4.4.7: CNF_IR C 06h CI 80h, ACC copied from the SND_IR, CW 0000h. */
    byte[] confirmInstallation(ShortId target, int copiedAccessNumber) {
        return frame(CNF_IR, CI_NO_DATA, target, copiedAccessNumber, ConfigurationWord.NONE, new byte[0]);
    }

    /** P2 §4.4.1: SND_NKE C 40h CI 80h, CW 0000h: ends the FAC. */
    byte[] linkReset(ShortId target, int accessNumber) {
        return frame(SND_NKE, CI_NO_DATA, target, accessNumber, ConfigurationWord.NONE, new byte[0]);
    }

    /** P2 §4.4.5: REQ_UD2 C 5Bh CI 80h, CW 0000h. */
    byte[] request(ShortId target, int accessNumber) {
        return frame(REQ_UD2, CI_NO_DATA, target, accessNumber, ConfigurationWord.NONE, new byte[0]);
    }
}
