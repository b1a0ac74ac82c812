package org.p2gate.mbus.wireless;

import java.time.Instant;
import org.p2gate.mbus.dsmr.MessageKind;
import org.p2gate.mbus.frame.WirelessFrame;
import org.p2gate.mbus.transport.ConfigurationWord;
import org.p2gate.mbus.transport.ShortId;

/**
 * A frame from a bound meter that passed the link's checks (P2 Table 6, the configuration word of §4.2.6):
 * what the {@link FrameAdmission} judges and the {@link WirelessListener} receives.
 *
 * @param device        the meter (its link-layer address, P2 §3.2.4)
 * @param kind          SND_NR, SND_IR, ACK or RSP_UD
 * @param frame         the frame
 * @param accessNumber  ACC of its short header
 * @param configuration CW of its short header
 * @param rssiDbm       signal strength
 * @param at            when its reception ended
 */
public record WirelessMessage(ShortId device, MessageKind kind, WirelessFrame frame, int accessNumber,
        ConfigurationWord configuration, int rssiDbm, Instant at) {
}
