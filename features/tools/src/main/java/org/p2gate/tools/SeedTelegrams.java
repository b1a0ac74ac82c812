package org.p2gate.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.p2gate.mbus.frame.CField;
import org.p2gate.mbus.frame.LinkFunction;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.frame.ShortFrame;
import org.p2gate.mbus.frame.WirelessFrame;
import org.p2gate.mbus.frame.WirelessFrameFormat;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.security.Mode15Cipher;
import org.p2gate.mbus.security.AflMac;
import org.p2gate.mbus.security.KeyDerivation;
import org.p2gate.mbus.security.Mode5Cipher;
import org.p2gate.mbus.security.Mode7Cipher;
import org.p2gate.mbus.transport.AuthenticationFragmentationLayer;
import org.p2gate.mbus.transport.ConfigurationFieldExtension;
import org.p2gate.mbus.transport.CiField;
import org.p2gate.mbus.transport.ConfigurationWord;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.LongHeader;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortHeader;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.mbus.transport.StatusByte;
import org.p2gate.mbus.transport.TransportLayer;
import org.p2gate.simulator.wired.DsmrMeter;
import org.p2gate.simulator.wired.MeterSpec;

/**
 * Telegrams that exercise every layer of the decoder, built with the library's own encoders
 * (so they are valid by construction), plus any hex files a caller adds (e.g. a corpus).
 */
final class SeedTelegrams {

    /** The key of the encrypted seeds; the fuzzer's decoder knows it, so mutations reach decryption. */
    static final AesKey KEY = AesKey.fromHex("000102030405060708090A0B0C0D0E0F");

    private static final HexFormat HEX = HexFormat.of();
    private static final ShortId GAS_METER = ShortId.of(23456789, ManufacturerCode.of("NET"), 0x42, DeviceType.GAS);
    private static final ShortId WATER_METER = ShortId.of(12345678, ManufacturerCode.of("ELS"), 0x01, DeviceType.WATER);
    /**
     * Records as a DSMR gas meter sends them (P2 §6.4): volume with storage bit and type-I time,
     * error flags, configuration mask, equipment identifier, a version text and manufacturer data.
     */
    private static final byte[] RECORDS = HEX.parseHex(
            "0C1391030000" // instantaneous volume, BCD 8 digits, 0.001 m3
                    + "4C1391030000" // the same, storage 1 (hourly value)
                    + "426C1E06" // date of storage 1 (type G)
                    + "046D2A0B120C" // date and time (type F)
                    + "0C78" + "89674523" // fabrication number
                    + "02FD170000" // error flags
                    + "01FD6703" // configuration mask
                    + "0D7811" + "3938373635343332313031315858585858" // equipment identifier (LVAR text)
                    + "0DFD0C0A" + "0A0D352E312E333D7766" // version text "fw=3.1.5<CR><LF>", sent last character first
                    + "0F0102"); // manufacturer specific data

    private SeedTelegrams() {}

    static List<byte[]> generated() {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(new byte[] {(byte) 0xE5});
        seeds.add(ShortFrame.of(LinkFunction.REQ_UD2, 1).encode());
        seeds.add(wired(ConfigurationWord.NONE, RECORDS));
        seeds.add(wiredMode15(1));
        seeds.add(wiredMode15(0xFFFF_FFFEL));
        seeds.add(wirelessMode5(WirelessFrameFormat.A));
        seeds.add(wirelessMode5(WirelessFrameFormat.B));
        seeds.add(wirelessMode7());
        seeds.add(new WirelessFrame(CField.of(0x44), WATER_METER,
                TransportLayer.of(CiField.RESPONSE_SHORT, Optional.of(ShortHeader.of(7, StatusByte.OK,
                        ConfigurationWord.NONE)), RECORDS.length).encode(RECORDS)).encode(WirelessFrameFormat.A));
        seeds.addAll(simulatedMeterAnswers());
        return seeds;
    }

    /**
     * The simulator's DSMR meters of every kind (P2 §6.4.4–§6.4.7) answering REQ_UD2: once in clear, once
     * in mode 15 under {@link #KEY} (other record layouts than {@link #RECORDS}: heat, slave E, versions).
     */
    static List<byte[]> simulatedMeterAnswers() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<byte[]> answers = new ArrayList<>();
        int serial = 10_000_001;
        for (String kind : MeterSpec.KINDS) {
            for (boolean keyed : new boolean[] {false, true}) {
                // seeded: the same corpus every run (an unseeded meter draws its access number, P2 §4.2.4)
                DsmrMeter.Builder builder = new MeterSpec(kind, 1).builder(start, serial, KEY).seed(serial);
                serial++;
                DsmrMeter meter = keyed ? builder.userKey(KEY).build() : builder.build();
                meter.answer(ShortFrame.of(LinkFunction.REQ_UD2, 1), start.plusSeconds(3_600))
                        .ifPresent(answers::add);
            }
        }
        return answers;
    }

    /** Every file in {@code folder} whose name ends in .hex (spaced hex, as in the libmbus corpus). */
    static List<byte[]> fromFolder(Path folder) throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".hex")).sorted().toList()) {
                try {
                    seeds.add(HexInput.read(file.toString()));
                } catch (HexInput.NotHexException e) {
                    // not a telegram file: skip it
                }
            }
        }
        return seeds;
    }

    private static byte[] wired(ConfigurationWord cw, byte[] data) {
        byte[] fromCi = TransportLayer.of(CiField.RESPONSE_LONG,
                Optional.of(LongHeader.of(GAS_METER, 0x50, StatusByte.OK, cw)), data.length).encode(data);
        return new LongFrame(CField.of(0x08), 1, fromCi[0] & 0xFF, java.util.Arrays.copyOfRange(fromCi, 1, fromCi.length))
                .encode();
    }

    /** P2 4.2.2 §5.2: encrypted records, then the frame counter record in clear. */
    private static byte[] wiredMode15(long frameCounter) {
        // the first seven records (37 bytes), as a DSMR gas meter encrypts its hourly answer
        byte[] encrypted = Mode15Cipher.encrypt(KEY, GAS_METER, frameCounter, java.util.Arrays.copyOf(RECORDS, 37));
        byte[] counter = DsmrRecords.frameCounter(frameCounter).toBytes();
        byte[] data = new byte[encrypted.length + counter.length];
        System.arraycopy(encrypted, 0, data, 0, encrypted.length);
        System.arraycopy(counter, 0, data, encrypted.length, counter.length);
        return wired(ConfigurationWord.of(ConfigurationWord.MODE_DSMR_AES_CBC, encrypted.length / 16), data);
    }

    /**
     * OMS mode 7 (Annex N.2.3): AFL (CI 90h) with message counter and CMAC, then CI 7Ah, a short
     * header with its configuration field extension, and the records encrypted with the derived Kenc.
     */
    private static byte[] wirelessMode7() {
        int access = 0x75;
        int messageControl = 0x25;
        long messageCounter = 0x0AB3;
        AesKey kenc = KeyDerivation.derive(KEY, KeyDerivation.Constant.KENC, messageCounter, WATER_METER.identification());
        AesKey kmac = KeyDerivation.derive(KEY, KeyDerivation.Constant.KMAC, messageCounter, WATER_METER.identification());
        byte[] encrypted = Mode7Cipher.encrypt(kenc, RECORDS, 0, 37);
        ShortHeader header = new ShortHeader(access, StatusByte.OK,
                ConfigurationWord.of(ConfigurationWord.MODE_AES_CBC_KDF, encrypted.length / 16),
                Optional.of(ConfigurationFieldExtension.of(1, 0)));
        byte[] tpl = TransportLayer.of(CiField.RESPONSE_SHORT, Optional.of(header), encrypted.length).encode(encrypted);
        byte[] mac = AflMac.compute(kmac, messageControl, messageCounter, tpl, 0, tpl.length);
        byte[] afl = AuthenticationFragmentationLayer.unfragmented(messageControl, messageCounter, mac).encode();
        byte[] linkData = new byte[afl.length + tpl.length];
        System.arraycopy(afl, 0, linkData, 0, afl.length);
        System.arraycopy(tpl, 0, linkData, afl.length, tpl.length);
        return new WirelessFrame(CField.of(0x44), WATER_METER, linkData).encode(WirelessFrameFormat.A);
    }

    private static byte[] wirelessMode5(WirelessFrameFormat format) {
        int access = 0x2A;
        byte[] plain = new byte[2 + RECORDS.length];
        plain[0] = 0x2F;
        plain[1] = 0x2F;
        System.arraycopy(RECORDS, 0, plain, 2, RECORDS.length);
        byte[] encrypted = Mode5Cipher.encrypt(KEY, WATER_METER, access, plain, 0, plain.length);
        byte[] linkData = TransportLayer.of(CiField.RESPONSE_SHORT, Optional.of(ShortHeader.of(access, StatusByte.OK,
                ConfigurationWord.of(ConfigurationWord.MODE_AES_CBC_IV, encrypted.length / 16))), encrypted.length)
                .encode(encrypted);
        return new WirelessFrame(CField.of(0x44), WATER_METER, linkData).encode(format);
    }
}
