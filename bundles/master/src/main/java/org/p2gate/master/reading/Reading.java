package org.p2gate.master.reading;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.p2gate.master.HourlyValue;
import org.p2gate.mbus.transport.ShortId;

/**
 * What one accepted RSP_UD says, per P2 4.2.2 Appendix A (P2 → P3 mapping); absent items were not in
 * the message (a readout-list answer carries only what was selected, §6.3.1).
 *
 * @param device              the long header's Short ID (identification number, manufacturer, version, medium)
 * @param accessNumber        the header's access number
 * @param headerStatus        the header's status byte (§4.2.5: not used, 00h)
 * @param errorFlags          the status byte from the error flags record 01 FD 17 (§6.3.3)
 * @param equipmentIdentifier 0D 78 (§6.4.1)
 * @param configurationMask   01 FD 67 (§6.4.8)
 * @param versions            the FD 0C–0F properties (§6.4.2), named "model.x", "hardware.x",
 *                            "metrology-firmware.x", "firmware.x"
 * @param hourly              the hourly value (storage number 1) with its type-I UTC time stamp (§6.1, §6.4.3)
 * @param actual              the actual value (storage number 0) with its time stamp, or the receive time (§6.1)
 */
public record Reading(ShortId device, int accessNumber, int headerStatus, OptionalInt errorFlags,
        Optional<String> equipmentIdentifier, OptionalInt configurationMask, Map<String, String> versions,
        Optional<HourlyValue> hourly, Optional<HourlyValue> actual) {

    public Reading {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(errorFlags, "errorFlags");
        Objects.requireNonNull(equipmentIdentifier, "equipmentIdentifier");
        Objects.requireNonNull(configurationMask, "configurationMask");
        versions = Map.copyOf(versions);
        Objects.requireNonNull(hourly, "hourly");
        Objects.requireNonNull(actual, "actual");
    }
}
