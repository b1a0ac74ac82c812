package org.p2gate.master.reading;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.p2gate.master.HourlyRecords;
import org.p2gate.master.HourlyValue;
import org.p2gate.mbus.message.Message;
import org.p2gate.mbus.record.CosemUnit;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.record.RecordValue;
import org.p2gate.mbus.record.ScaledValue;
import org.p2gate.mbus.record.ValueInformationBlock;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.transport.TransportHeader;

/** Takes the P2 4.2.2 Appendix A items out of a validated RSP_UD. Stateless. */
public final class ReadingExtractor {

    /** P2 §6.4.3: VIF 6Dh, date and time type I. */
    private static final ValueInformationBlock TIME_POINT = ValueInformationBlock.of(0x6D);
    /** P2 §6.4.1: VIF 78h, equipment identifier. */
    private static final ValueInformationBlock EQUIPMENT_ID = ValueInformationBlock.of(0x78);
    /** P2 §6.4.2: the names of VIFE 0Ch..0Fh, prefixing the property names (0Dh and 0Eh both have "met="). */
    private static final String[] VERSION_GROUPS = {"model", "hardware", "metrology-firmware", "firmware"};

    private ReadingExtractor() {}

    /**
     * @param statusWithoutRecord the status the hourly value carries when the message has no error flags record
     *                            (the channel's last known one): P2 §4.2.5, the header's status byte "is not used"
     * @param receivedAt          when the message came: the time of an actual value sent without a time stamp (§6.1)
     */
    public static Reading extract(Message message, ShortId device, TransportHeader header, int statusWithoutRecord,
            Instant receivedAt) {
        List<DataRecord> records = message.records();
        OptionalInt errorFlags = OptionalInt.empty();
        OptionalInt mask = OptionalInt.empty();
        Optional<String> identifier = Optional.empty();
        Optional<Instant> captureTime = Optional.empty();
        Optional<Instant> actualTime = Optional.empty();
        Optional<DataRecord> hourly = HourlyRecords.select(device.deviceType(), records); // §6.3, §6.4.4–§6.4.7
        Map<String, String> versions = new LinkedHashMap<>();
        for (DataRecord r : records) {
            if (DsmrRecords.isErrorFlags(r) && r.value() instanceof RecordValue.Bits bits) {
                errorFlags = OptionalInt.of((int) bits.bits() & 0xFF); // §6.3.3
            } else if (DsmrRecords.isConfigurationMask(r) && r.value() instanceof RecordValue.Bits bits) {
                mask = OptionalInt.of((int) bits.bits() & 0xFF); // §6.4.8
            } else if (r.valueInformation().equals(EQUIPMENT_ID) && r.value() instanceof RecordValue.Text text) {
                identifier = Optional.of(text.text()); // §6.4.1
            } else if (r.valueInformation().equals(TIME_POINT) && r.dataInformation().storageNumber() == 1
                    && r.value() instanceof RecordValue.DateTime time) {
                // §6.4.3 and footnote 4 of §6.2.1: type I, but UTC
                captureTime = Optional.of(time.dateTime().toInstant(ZoneOffset.UTC));
            } else if (r.valueInformation().equals(TIME_POINT) && r.dataInformation().storageNumber() == 0
                    && r.value() instanceof RecordValue.DateTime time) {
                // §6.4.3: "either value will be accompanied with a time stamp"; without the storage bit: the actual one
                actualTime = Optional.of(time.dateTime().toInstant(ZoneOffset.UTC));
            } else {
                Optional<Map<String, String>> properties = DsmrRecords.versionPropertiesOf(r);
                if (properties.isPresent()) {
                    String group = VERSION_GROUPS[r.valueInformation().code() - 0x0C];
                    properties.get().forEach((name, value) -> versions.put(group + "." + name, value));
                }
            }
        }
        // P2 §4.2.5 and Appendix A: the status is "Use DIF/VIF in Read Out List, not in the Status byte"
        int status = errorFlags.orElse(statusWithoutRecord);
        Optional<HourlyValue> value = hourly.isPresent() && captureTime.isPresent()
                ? Optional.of(valueOf(hourly.get(), captureTime.get(), status)) : Optional.empty();
        // §6.1: "M-Bus devices can transfer either actual values or hourly values": an actual value (storage number 0)
        // with the device's time stamp, or the time it came when it has none
        Instant actualAt = actualTime.orElse(receivedAt);
        Optional<HourlyValue> actual = HourlyRecords.selectActual(device.deviceType(), records)
                .map(r -> valueOf(r, actualAt, status));
        return new Reading(device, header.accessNumber(), header.status().value(), errorFlags, identifier, mask,
                versions, value, actual);
    }

    private static HourlyValue valueOf(DataRecord record, Instant time, int status) {
        ScaledValue scaled = record.scaledValue().orElseThrow();
        CosemUnit unit = record.cosemUnit().orElseThrow();
        return new HourlyValue(time, scaled.toBigDecimal(), unit.symbol(), unit.code(), scaled.scaler(), status);
    }
}
