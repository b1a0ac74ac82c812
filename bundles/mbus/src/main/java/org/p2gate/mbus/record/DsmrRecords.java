package org.p2gate.mbus.record;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The records DSMR P2 4.2.2 §6 and Appendix B give a fixed meaning: factories and recognisers. */
public final class DsmrRecords {

    /** P2 4.2.2 §6.2.3: the status bits a clear-status command resets (0111 0011: application errors, temporary, clock, fraud). */
    public static final int CLEAR_STATUS_MASK = 0x73;
    /** EN 13757-3 Table 15, E000 0110 as an action (master to slave): "AND NOT", clear the bits of the mask. */
    public static final int ACTION_CLEAR_BITS = 0x06;

    /** P2 4.2.2 §6.4.8: meter configuration mask bits. */
    public static final int CONFIG_CLOCK = 0x01;
    public static final int CONFIG_VALVE = 0x02;
    public static final int CONFIG_CONVERTED_VOLUME = 0x04;
    public static final int CONFIG_VALVE_RELEASE = 0x08;
    public static final int CONFIG_VALVE_OPEN_DIRECT = 0x10;

    private static final ValueInformationBlock FRAME_COUNTER = ValueInformationBlock.of(0xFD, 0x08);
    private static final ValueInformationBlock KEY = ValueInformationBlock.of(0xFD, 0x19);
    private static final ValueInformationBlock ERROR_FLAGS = ValueInformationBlock.of(0xFD, 0x17);
    private static final ValueInformationBlock CLEAR_STATUS = ValueInformationBlock.of(0xFD, 0x97, ACTION_CLEAR_BITS);
    private static final ValueInformationBlock CONFIGURATION = ValueInformationBlock.of(0xFD, 0x67);
    private static final ValueInformationBlock TIME_POINT = ValueInformationBlock.of(0x6D);
    private static final ValueInformationBlock EQUIPMENT_ID = ValueInformationBlock.of(0x78);
    private static final ValueInformationBlock BUS_ADDRESS = ValueInformationBlock.of(0x7A);

    private DsmrRecords() {}

    /** P2 4.2.2 Appendix B: DIF 04, VIF FD, VIFE 08, the 32-bit frame counter LSB first, sent in clear. */
    public static DataRecord frameCounter(long counter) {
        if (counter < 0 || counter > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("the frame counter is 32 bits unsigned, got " + counter);
        }
        return DataRecord.of(DataInformationBlock.of(DataField.INT32), FRAME_COUNTER, RecordValue.Numeric.of(counter, 0));
    }

    public static boolean isFrameCounter(DataRecord r) {
        return r.valueInformation().equals(FRAME_COUNTER) && r.dataInformation().dataField() == DataField.INT32
                && plain(r);
    }

    /** The counter of a frame counter record. */
    public static OptionalLong frameCounterOf(DataRecord r) {
        if (!isFrameCounter(r) || !(r.value() instanceof RecordValue.Numeric n)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(n.mantissa().longValueExact());
    }

    /**
     * P2 4.2.2 §6.5.1 and B1.1: the two key exchange records (DIF 07h/47h, VIF FD, VIFE 19) for a
     * 16-byte encrypted user key in AES byte order. The wire carries the key reversed: the first
     * record holds bytes 15..8, the second (storage 1) bytes 7..0.
     */
    public static List<DataRecord> keyTransfer(byte[] encryptedKey) {
        if (encryptedKey.length != 16) {
            throw new IllegalArgumentException("an AES-128 key has 16 bytes, got " + encryptedKey.length);
        }
        byte[] low = new byte[8];
        byte[] high = new byte[8];
        for (int i = 0; i < 8; i++) {
            low[i] = encryptedKey[15 - i];
            high[i] = encryptedKey[7 - i];
        }
        return List.of(
                DataRecord.ofData(DataInformationBlock.of(DataField.INT64), KEY, low),
                DataRecord.ofData(new DataInformationBlock(DataField.INT64, FunctionField.INSTANTANEOUS, 1, 0, 0, 0),
                        KEY, high));
    }

    public static boolean isKeyTransfer(DataRecord r) {
        return r.valueInformation().equals(KEY) && r.dataInformation().dataField() == DataField.INT64
                && r.dataInformation().storageNumber() <= 1 && r.dataInformation().difeCount() == 0;
    }

    /** The encrypted key (AES byte order) of the storage 0 and storage 1 key records among {@code records}. */
    public static Optional<byte[]> encryptedKeyOf(List<DataRecord> records) {
        byte[] low = null;
        byte[] high = null;
        for (DataRecord r : records) {
            if (isKeyTransfer(r)) {
                if (r.dataInformation().storageNumber() == 0) {
                    low = r.data();
                } else {
                    high = r.data();
                }
            }
        }
        if (low == null || high == null) {
            return Optional.empty();
        }
        byte[] key = new byte[16];
        for (int i = 0; i < 8; i++) {
            key[15 - i] = low[i];
            key[7 - i] = high[i];
        }
        return Optional.of(key);
    }

    /** P2 4.2.2 §6.3.3: DIF 01, VIF FD, VIFE 17, the status byte as error flags. */
    public static DataRecord errorFlags(int flags) {
        return DataRecord.of(DataInformationBlock.of(DataField.INT8), ERROR_FLAGS, new RecordValue.Bits(flags & 0xFF, 8));
    }

    public static boolean isErrorFlags(DataRecord r) {
        return r.valueInformation().equals(ERROR_FLAGS);
    }

    /**
     * P2 4.2.2 §6.2.3: 01 FD 97 06 73 = DIF 01 (8-bit), VIF FD, VIFE 97 (error flags, a VIFE
     * follows), VIFE 06 (action "AND NOT": clear the bits), mask.
     */
    public static DataRecord clearStatus(int mask) {
        return DataRecord.of(DataInformationBlock.of(DataField.INT8), CLEAR_STATUS, new RecordValue.Bits(mask & 0xFF, 8));
    }

    public static boolean isClearStatus(DataRecord r) {
        return r.valueInformation().equals(CLEAR_STATUS);
    }

    /** P2 4.2.2 §6.4.8: DIF 01, VIF FD, VIFE 67, the configuration mask. */
    public static DataRecord configurationMask(int mask) {
        return DataRecord.of(DataInformationBlock.of(DataField.INT8), CONFIGURATION, new RecordValue.Bits(mask & 0xFF, 8));
    }

    public static boolean isConfigurationMask(DataRecord r) {
        return r.valueInformation().equals(CONFIGURATION);
    }

    /** P2 4.2.2 §6.2.2: DIF 01, VIF 7A, the new primary address. */
    public static DataRecord setAddress(int address) {
        if (address < 0 || address > 250) {
            throw new IllegalArgumentException("primary addresses are 0..250, got " + address);
        }
        return DataRecord.ofData(DataInformationBlock.of(DataField.INT8), BUS_ADDRESS, new byte[] {(byte) address});
    }

    /** P2 4.2.2 §6.4.1: DIF 0D, VIF 78, LVAR 11h, the 17-character equipment identifier. */
    public static DataRecord equipmentIdentifier(String identifier) {
        if (identifier.length() != 17) {
            throw new IllegalArgumentException("the equipment identifier has 17 characters");
        }
        return DataRecord.of(DataInformationBlock.of(DataField.VARIABLE_LENGTH), EQUIPMENT_ID,
                new RecordValue.Text(identifier));
    }

    /** P2 4.2.2 §6.3.1: DIF 08 ("selection for readout") with the VIB to read, no data. */
    public static DataRecord readoutSelection(ValueInformationBlock what) {
        return DataRecord.ofData(DataInformationBlock.of(DataField.SELECTION_FOR_READOUT), what, new byte[0]);
    }

    public static boolean isReadoutSelection(DataRecord r) {
        return r.dataInformation().dataField() == DataField.SELECTION_FOR_READOUT;
    }

    /**
     * P2 4.2.2 §6.4.2: DIF 0D, VIF FD, VIFE 0Ch..0Fh, properties "name=value" each ended by CR LF,
     * as LVAR text (sent last character first).
     */
    public static DataRecord versionProperties(int vife, Map<String, String> properties) {
        if (vife < 0x0C || vife > 0x0F) {
            throw new IllegalArgumentException("version VIFEs are 0Ch..0Fh");
        }
        StringBuilder text = new StringBuilder();
        properties.forEach((k, v) -> text.append(k).append('=').append(v).append("\r\n"));
        return DataRecord.of(DataInformationBlock.of(DataField.VARIABLE_LENGTH), ValueInformationBlock.of(0xFD, vife),
                new RecordValue.Text(text.toString()));
    }

    /** The properties of a version record (FD 0C..0F with text), in the order sent. */
    public static Optional<Map<String, String>> versionPropertiesOf(DataRecord r) {
        ValueInformationBlock vib = r.valueInformation();
        if (vib.table() != VifTable.EXTENSION_FD || vib.code() < 0x0C || vib.code() > 0x0F
                || !(r.value() instanceof RecordValue.Text t)) {
            return Optional.empty();
        }
        Map<String, String> out = new LinkedHashMap<>();
        String text = t.text();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf("\r\n", start);
            String line = end < 0 ? text.substring(start) : text.substring(start, end);
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
            start = end < 0 ? text.length() : end + 2;
        }
        return Optional.of(out);
    }

    /** P2 4.2.2 §6.4.3: DIF 46 (storage 1, hourly value) or 06, VIF 6D, type I UTC time stamp. */
    public static DataRecord timestamp(LocalDateTime utc, boolean hourly) {
        return DataRecord.of(new DataInformationBlock(DataField.INT48, FunctionField.INSTANTANEOUS, hourly ? 1 : 0, 0, 0, 0),
                TIME_POINT, new RecordValue.DateTime(utc, false));
    }

    /** P2 4.2.2 §6.4.4: DIF 4C (8-digit BCD, storage 1 = hourly), VIF 13h, converted gas volume in litres. */
    public static DataRecord hourlyGasVolume(long litres) {
        return DataRecord.of(new DataInformationBlock(DataField.BCD8, FunctionField.INSTANTANEOUS, 1, 0, 0, 0),
                ValueInformationBlock.of(0x13), RecordValue.Numeric.of(litres, -3));
    }

    private static boolean plain(DataRecord r) {
        DataInformationBlock d = r.dataInformation();
        return d.function() == FunctionField.INSTANTANEOUS && d.storageNumber() == 0 && d.tariff() == 0
                && d.subunit() == 0;
    }
}
