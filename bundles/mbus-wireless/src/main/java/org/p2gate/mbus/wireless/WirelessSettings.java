package org.p2gate.mbus.wireless;

import java.time.Duration;
import org.p2gate.mbus.transport.ShortId;

/**
 * The timing and limits of the E-meter's side of a T2 link (EN 13757-4 mode T2; DSMR P2 4.2.2 §3.2.5, §4.4).
 *
 * @param responseDelayMin   EN 13757-4:2013 mode T2, t_RO minimum: the earliest an answer to a meter's frame may
 *                           start after that frame ended (2 ms; also what radio modules use for T2, e.g. the
 *                           MBWBLUE manual "Mode T2 = 2 ms")
 * @param responseDelayMax   EN 13757-4:2013 mode T2, t_RO maximum: the latest start the meter still hears (3 ms)
 * @param facTransmissions   P2 §4.4: "maximum 6 cycles = maximum 6 transmissions from M-Bus device during FAC"
 * @param retriesPerCycle    how often one command is sent again inside one FAC when its ACK is missing
 * @param cyclesPerCommand   how many FACs a command may take before it fails (a meter opens one per hour)
 * @param facSilence         how long the link waits for the meter's next FAC transmission before it takes the FAC
 *                           as ended (P2 §4.4: FAC transmission delay N = 2, 3, 4 or 5 s; two slots and a margin)
 * @param readBeforeRetry    P2 §5.2: "If the G-meter does not respond to the commands of the E-meter, the E-meter
 *                           shall issue a REQ_UD2, to establish the current value of the frame counter"
 * @param linkAddress        the E-meter's own data-link address (P2 §3.2.4: may be all zero, the device ignores it)
 * @param accessNumberSeed   seed of the E-meter's random initial access number (P2 §4.2.4, EN 13757-3 §5.9)
 */
public record WirelessSettings(Duration responseDelayMin, Duration responseDelayMax, int facTransmissions,
        int retriesPerCycle, int cyclesPerCommand, Duration facSilence, boolean readBeforeRetry, ShortId linkAddress,
        long accessNumberSeed) {

    /** EN 13757-4:2013 T2: t_RO min 2 ms. */
    public static final Duration T2_RESPONSE_DELAY_MIN = Duration.ofMillis(2);
    /** EN 13757-4:2013 T2: t_RO max 3 ms. */
    public static final Duration T2_RESPONSE_DELAY_MAX = Duration.ofMillis(3);
    /** P2 4.2.2 §4.4: at most 6 meter transmissions in a FAC. */
    public static final int MAX_FAC_TRANSMISSIONS = 6;
    /** P2 4.2.2 §4.4: the FAC transmission delay is at most N = 5 s. */
    public static final Duration MAX_FAC_DELAY = Duration.ofSeconds(5);
    /** P2 4.2.2 §3.2.4: the E-meter's link-layer address may be left empty (all zero). */
    public static final ShortId ZERO_ADDRESS = ShortId.of(0, new org.p2gate.mbus.transport.ManufacturerCode(0), 0,
            org.p2gate.mbus.transport.DeviceType.OTHER);

    public WirelessSettings {
        if (responseDelayMin == null || responseDelayMax == null || facSilence == null || linkAddress == null) {
            throw new IllegalArgumentException("wireless settings need both response delays, the FAC silence and a link address");
        }
        if (responseDelayMin.isNegative() || responseDelayMax.compareTo(responseDelayMin) < 0) {
            throw new IllegalArgumentException("the response window must be 0 ≤ min ≤ max, got " + responseDelayMin + ".."
                    + responseDelayMax);
        }
        if (facTransmissions < 1 || facTransmissions > MAX_FAC_TRANSMISSIONS) {
            throw new IllegalArgumentException("a FAC has 1..6 meter transmissions (P2 §4.4), got " + facTransmissions);
        }
        if (retriesPerCycle < 0 || retriesPerCycle > 4) {
            throw new IllegalArgumentException("retries per FAC are 0..4, got " + retriesPerCycle);
        }
        if (cyclesPerCommand < 1) {
            throw new IllegalArgumentException("a command needs at least one FAC, got " + cyclesPerCommand);
        }
        if (facSilence.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the FAC silence must be at least 1 s, got " + facSilence);
        }
    }

    /** DSMR defaults: t_RO 2..3 ms, 6 transmissions, 2 retries per FAC with a REQ_UD2 before each, 24 FACs, 12 s silence. */
    public static WirelessSettings dsmr() {
        return new WirelessSettings(T2_RESPONSE_DELAY_MIN, T2_RESPONSE_DELAY_MAX, MAX_FAC_TRANSMISSIONS, 2, 24,
                MAX_FAC_DELAY.multipliedBy(2).plusSeconds(2), true, ZERO_ADDRESS, 0x5EED);
    }

    public WirelessSettings withRetriesPerCycle(int retries) {
        return new WirelessSettings(responseDelayMin, responseDelayMax, facTransmissions, retries, cyclesPerCommand,
                facSilence, readBeforeRetry, linkAddress, accessNumberSeed);
    }

    public WirelessSettings withCyclesPerCommand(int cycles) {
        return new WirelessSettings(responseDelayMin, responseDelayMax, facTransmissions, retriesPerCycle, cycles,
                facSilence, readBeforeRetry, linkAddress, accessNumberSeed);
    }

    public WirelessSettings withReadBeforeRetry(boolean read) {
        return new WirelessSettings(responseDelayMin, responseDelayMax, facTransmissions, retriesPerCycle, cyclesPerCommand,
                facSilence, read, linkAddress, accessNumberSeed);
    }

    public WirelessSettings withAccessNumberSeed(long seed) {
        return new WirelessSettings(responseDelayMin, responseDelayMax, facTransmissions, retriesPerCycle, cyclesPerCommand,
                facSilence, readBeforeRetry, linkAddress, seed);
    }
}
