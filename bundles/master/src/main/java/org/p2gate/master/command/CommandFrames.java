package org.p2gate.master.command;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.p2gate.mbus.record.ClockSynchronisation;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.record.DataRecords;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.security.Mode15Cipher;
import org.p2gate.mbus.transport.CiField;
import org.p2gate.mbus.transport.ConfigurationWord;
import org.p2gate.mbus.transport.LongHeader;
import org.p2gate.mbus.transport.ShortHeader;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.transport.StatusByte;
import org.p2gate.mbus.transport.TransportHeader;
import org.p2gate.mbus.transport.TransportLayer;

/**
 * The user data (the bytes after the CI) of the SND_UD commands of P2 4.2.2 Table 5, for
 * {@code WiredLink.sndUd(address, ci, data)}. With a user key they are encrypted in mode 15: the
 * IV holds the device's Short ID (§5.2), the frame counter record follows in clear.
 */
public final class CommandFrames {

    /** P2 §4.3.3: control message, SND_UD CI 5Ah with the short header. */
    public static final int CI_CONTROL = CiField.DATA_TO_DEVICE_SHORT.code();
    /** P2 §4.3.4: clock synchronisation, SND_UD CI 6Ch with the long header. */
    public static final int CI_CLOCK = CiField.TIME_SYNC_TO_DEVICE.code();
    /** P2 §4.3.5: unencrypted message without header, SND_UD CI 51h. */
    public static final int CI_UNENCRYPTED = CiField.DATA_TO_DEVICE_NO_HEADER.code();

    private CommandFrames() {}

    /**
     * What follows the transport header's configuration word: the application data (mode 15: the encrypted
     * blocks, then the frame counter record in clear, P2 §5.2) and the configuration word that announces it.
     * Wired commands wrap it in their CI and header; wireless ones hand it to the link (P2 §4.4.3, §4.4.4).
     */
    public record Payload(ConfigurationWord configuration, byte[] data) {
        public Payload {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    /** P2 §4.3.3 / §4.4.3: the records of a control message, in clear (configuration word 0) or mode 15. */
    public static Payload controlPayload(List<DataRecord> records, Optional<AesKey> key, ShortId device, long frameCounter) {
        byte[] plain = DataRecords.encode(records);
        if (key.isEmpty()) {
            return new Payload(ConfigurationWord.NONE, plain);
        }
        byte[] encrypted = Mode15Cipher.encrypt(key.get(), device, frameCounter, plain);
        return new Payload(ConfigurationWord.of(ConfigurationWord.MODE_DSMR_AES_CBC, encrypted.length / 16),
                withFrameCounter(encrypted, frameCounter));
    }

    /**
     * P2 §4.3.4 / §4.4.4, §6.2.1: 2F 2F, TC 00h, the UTC time as type I, 00 00 00 and fillers; one block in
     * mode 15 when {@code key} is present.
     */
    public static Payload clockPayload(LocalDateTime utc, Optional<AesKey> key, ShortId device, long frameCounter) {
        byte[] plain = new ClockSynchronisation(utc).encode();
        if (key.isEmpty()) {
            return new Payload(ConfigurationWord.NONE, plain);
        }
        // Mode15Cipher adds the two leading 2F and pads with 2F: hand it TC, the time and the reserved bytes
        byte[] encrypted = Mode15Cipher.encrypt(key.get(), device, frameCounter, Arrays.copyOfRange(plain, 2, 12));
        return new Payload(ConfigurationWord.of(ConfigurationWord.MODE_DSMR_AES_CBC, encrypted.length / 16),
                withFrameCounter(encrypted, frameCounter));
    }

    /**
     * P2 §4.3.3: records in a CI 5Ah message (readout list, clear status): clear with configuration
     * word 0 when {@code key} is empty, else mode 15 with {@code frameCounter}.
     */
    public static byte[] control(int accessNumber, List<DataRecord> records, Optional<AesKey> key, ShortId device,
            long frameCounter) {
        Payload payload = controlPayload(records, key, device, frameCounter);
        return afterCi(CiField.DATA_TO_DEVICE_SHORT, ShortHeader.of(accessNumber, StatusByte.OK, payload.configuration()),
                payload.data());
    }

    /**
     * P2 §4.3.4, §6.2.1: CI 6Ch, the long header with the target's Short ID, then the clock payload
     * ({@link #clockPayload}).
     */
    public static byte[] clockSynchronisation(int accessNumber, ShortId device, LocalDateTime utc, Optional<AesKey> key,
            long frameCounter) {
        Payload payload = clockPayload(utc, key, device, frameCounter);
        return afterCi(CiField.TIME_SYNC_TO_DEVICE, LongHeader.of(device, accessNumber, StatusByte.OK, payload.configuration()),
                payload.data());
    }

    /**
     * P2 §6.5.1, B1.1: the key_data (the user key encrypted with the default key, 16 bytes as AES
     * output) as the DIF 07h / 47h VIF FDh VIFE 19h records, for CI 51h (no header, unencrypted).
     */
    public static byte[] keyTransfer(byte[] keyData) {
        return DataRecords.encode(DsmrRecords.keyTransfer(keyData));
    }

    private static byte[] withFrameCounter(byte[] encrypted, long frameCounter) {
        // P2 §5.2: the frame counter record 04 FD 08 follows the encrypted part in clear
        byte[] counter = DsmrRecords.frameCounter(frameCounter).toBytes();
        byte[] out = Arrays.copyOf(encrypted, encrypted.length + counter.length);
        System.arraycopy(counter, 0, out, encrypted.length, counter.length);
        return out;
    }

    private static byte[] afterCi(CiField ci, TransportHeader header, byte[] application) {
        byte[] fromCi = TransportLayer.of(ci, Optional.of(header), application.length).encode(application);
        return Arrays.copyOfRange(fromCi, 1, fromCi.length);
    }
}
