package org.p2gate.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2gate.mbus.record.DataRecords;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.security.KeyWrap;

/** {@code ./p2gate decode}: what a user sees, and the exit codes scripts rely on. */
class DecodeCommandTest {

    /** OMS Annex N.2.1: SND_NR, format A, mode 5. */
    private static final String OMS_N21 = "2E44931578563412330333637A2A0020255923C95AAA26D1B2E7493BC2AD013EC4A6F6D3529B520EDFF0EA6DEFC955B29D6D69EBF3EC8A";
    private static final String OMS_N21_KEY = "0102030405060708090A0B0C0D0E0F11";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int decode(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "decode";
        System.arraycopy(args, 0, all, 1, args.length);
        return Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonHasFrameHeaderAndRecordsWithExactDecimalValues() {
        assertEquals(0, decode("--json", "--key", OMS_N21_KEY, OMS_N21));
        String json = out().strip();
        assertTrue(json.startsWith("{\"frame\":{\"kind\":\"wireless format A\",\"c\":\"44\",\"function\":\"SND_NR\""), json);
        assertTrue(json.contains("\"header\":{\"id\":\"12345678\",\"manufacturer\":\"ELS\",\"version\":51,\"medium\":\"gas\""), json);
        assertTrue(json.contains("\"configuration\":{\"word\":\"2520\",\"mode\":5,\"blocks\":2}"), json);
        assertTrue(json.contains("{\"function\":\"Instantaneous value\",\"storage\":0,\"tariff\":0,\"subunit\":0,\"unit\":\"m^3\","
                + "\"quantity\":\"Volume\",\"value\":\"28504.27\",\"cosem_unit\":13,\"cosem_scaler\":-2}"), json);
        assertTrue(json.contains("\"value\":\"2008-05-31T23:50\""), json);
        assertTrue(json.endsWith("\"error\":null}"), json);
    }

    @Test
    void textShowsOneLinePerRecord() {
        assertEquals(0, decode("--key", OMS_N21_KEY, OMS_N21));
        assertTrue(out().contains("records   3"), out());
        assertTrue(out().lines().anyMatch(l -> l.contains("Volume") && l.contains("28504.27 m^3")), out());
    }

    @Test
    void aBadFramePrintsTheErrorAndExits2() {
        assertEquals(2, decode("--json", "68 AA"));
        assertEquals("{\"frame\":null,\"header\":null,\"records\":[],\"error\":{\"offset\":2,\"reason\":\"TRUNCATED\","
                + "\"message\":\"a long frame header has 4 bytes (68 L L 68), only 2 present\"}}", out().strip());
    }

    @Test
    void anEncryptedTelegramWithoutKeySaysWhichOptionIsMissing() {
        assertEquals(2, decode(OMS_N21));
        assertTrue(err().contains("NO_KEY at byte 15"), err());
        assertTrue(err().contains("--key"), err());
    }

    @Test
    void aFileOfSpacedHexIsRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("snd-nke.hex");
        Files.writeString(file, "# SND_NKE to address 1 (P2 4.3.1)\n10 40 01\n41 16\n");
        assertEquals(0, decode(file.toString()));
        assertTrue(out().contains("kind short frame") && out().contains("function SND_NKE"), out());
    }

    @Test
    void notHexIsRefusedWithWhere() {
        assertEquals(2, decode("68 4G"));
        assertTrue(err().contains("is not hex: 'G' after 3 digits"), err());
    }

    @Test
    void aKeyThatIsNotHexIsRefusedWithoutEchoingIt() {
        assertEquals(2, decode("--key", "0102030405060708090A0B0C0D0E0FZZ", OMS_N21));
        assertFalse(err().contains("0102030405060708"), err());
    }

    /** P2 4.2.2 §6.5.1 / Appendix B1.1: the user key, wrapped with the default key, in DIF 07/47 FD 19 records. */
    @Test
    void theDefaultKeyUnwrapsATransferredUserKey() {
        AesKey defaultKey = AesKey.fromHex("00112233445566778899AABBCCDDEEFF");
        AesKey userKey = AesKey.fromHex("000102030405060708090A0B0C0D0E0F");
        byte[] records = DataRecords.encode(DsmrRecords.keyTransfer(KeyWrap.wrap(defaultKey, userKey)));
        // SND_UD, CI 51h (no header): P2 Table 5
        byte[] frame = new org.p2gate.mbus.frame.LongFrame(org.p2gate.mbus.frame.CField.of(0x53), 5, 0x51, records).encode();

        assertEquals(0, decode("--json", "--default-key", "00112233445566778899AABBCCDDEEFF",
                java.util.HexFormat.of().formatHex(frame)));
        assertTrue(out().contains("\"transferred_user_key\":\"000102030405060708090A0B0C0D0E0F\""), out());
    }

    @Test
    void withoutArgumentsTheUsageIsShown() {
        assertEquals(2, decode());
        assertTrue(err().contains("usage: ./p2gate decode"), err());
    }
}
