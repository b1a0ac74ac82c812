package org.p2gate.simulator.wired;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.frame.CField;
import org.p2gate.mbus.frame.LinkFunction;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.frame.ShortFrame;
import org.p2gate.mbus.frame.WiredFrame;
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

/** What a P2 master sends, built with the mbus encoders (test helper). */
final class MasterRequests {

    private MasterRequests() {}

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    /** The frame as the bus delivers it to a device: encoded, then decoded. */
    static WiredFrame onTheWire(byte[] bytes) {
        try {
            return WiredFrame.decode(bytes);
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] sndNke(int address) {
        return ShortFrame.of(LinkFunction.SND_NKE, address).encode();
    }

    static byte[] reqUd2(int address) {
        return ShortFrame.of(LinkFunction.REQ_UD2, address).encode();
    }

    static byte[] shortFrame(int c, int address) {
        return new ShortFrame(CField.of(c), address).encode();
    }

    static byte[] longFrame(int c, int address, int ci, byte[] data) {
        return new LongFrame(CField.of(c), address, ci, data).encode();
    }

    /** P2 §4.3.5: SND_UD CI 51h, no header, the records in clear. */
    static byte[] sndUdUnencrypted(int address, List<DataRecord> records) {
        return new LongFrame(LinkFunction.SND_UD.cField(), address, 0x51, DataRecords.encode(records)).encode();
    }

    /** P2 §4.3.3 without user key: SND_UD CI 5Ah, short header with CW 0, records in clear. */
    static byte[] sndUdControlClear(int address, int access, List<DataRecord> records) {
        byte[] app = DataRecords.encode(records);
        return frame(address, CiField.DATA_TO_DEVICE_SHORT, ShortHeader.of(access, StatusByte.OK, ConfigurationWord.NONE), app);
    }

    /** P2 §4.3.3, §5.2: SND_UD CI 5Ah, mode 15 with the device's Short ID in the IV, then 04 FD 08 in clear. */
    static byte[] sndUdControlEncrypted(int address, int access, AesKey key, ShortId device, long fc, List<DataRecord> records) {
        byte[] encrypted = Mode15Cipher.encrypt(key, device, fc, DataRecords.encode(records));
        byte[] app = withCounter(encrypted, fc);
        return frame(address, CiField.DATA_TO_DEVICE_SHORT,
                ShortHeader.of(access, StatusByte.OK, ConfigurationWord.of(15, encrypted.length / 16)), app);
    }

    /** P2 §4.3.4, §6.2.1: SND_UD CI 6Ch, long header with the target's Short ID; clear. */
    static byte[] clockSyncClear(int address, ShortId device, int access, LocalDateTime utc) {
        return frame(address, CiField.TIME_SYNC_TO_DEVICE,
                LongHeader.of(device, access, StatusByte.OK, ConfigurationWord.NONE), new ClockSynchronisation(utc).encode());
    }

    /** P2 §4.3.4, §6.2.1: the same, one encrypted block in mode 15 and the clear frame counter record. */
    static byte[] clockSyncEncrypted(int address, ShortId device, int access, LocalDateTime utc, AesKey key, long fc) {
        byte[] plain = new ClockSynchronisation(utc).encode();
        // Mode15Cipher adds the leading 2F 2F and pads with 2F: hand it TC, time and the reserved bytes
        byte[] encrypted = Mode15Cipher.encrypt(key, device, fc, Arrays.copyOfRange(plain, 2, 12));
        if (encrypted.length != 16) {
            throw new AssertionError("clock synchronisation is one block");
        }
        return frame(address, CiField.TIME_SYNC_TO_DEVICE,
                LongHeader.of(device, access, StatusByte.OK, ConfigurationWord.of(15, 1)), withCounter(encrypted, fc));
    }

    private static byte[] withCounter(byte[] encrypted, long fc) {
        byte[] counter = DsmrRecords.frameCounter(fc).toBytes();
        byte[] app = Arrays.copyOf(encrypted, encrypted.length + counter.length);
        System.arraycopy(counter, 0, app, encrypted.length, counter.length);
        return app;
    }

    private static byte[] frame(int address, CiField ci, TransportHeader header, byte[] app) {
        byte[] fromCi = TransportLayer.of(ci, Optional.of(header), app.length).encode(app);
        return new LongFrame(LinkFunction.SND_UD.cField(), address, ci.code(), Arrays.copyOfRange(fromCi, 1, fromCi.length))
                .encode();
    }
}
