package org.p2gate.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.frame.CField;
import org.p2gate.mbus.frame.LongFrame;

/** {@code ./p2gate decode --json} says what it tolerated of real meters' departures from EN 13757-3 (issue 18). */
class DecodeDeparturesTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** Long header: ID 12345678, KAM, version 01, heat, ACC 2Ah, STS 00 (the CW follows). */
    private static final String HEADER = "785634122D2C0104" + "2A00";
    private static final String TWO_RECORDS = "0C1378563412" + "025A1A01";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private String json(String frameHex) {
        int exit = Main.run(new String[] {"decode", "--json", frameHex}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String json = out.toString(StandardCharsets.UTF_8).strip();
        assertEquals(0, exit, json);
        assertTrue(json.endsWith("\"error\":null}"), json);
        return json;
    }

    private static String rspUd(int ci, String data) {
        return HEX.formatHex(new LongFrame(CField.of(0x08), 1, ci, HEX.parseHex(data)).encode());
    }

    @Test
    void signatureConfigurationWordIsReportedAsReservedModeReadUnencrypted() {
        String json = json(rspUd(0x72, HEADER + "FFFF" + TWO_RECORDS));
        assertTrue(json.contains("\"security\":{\"mode\":0,"), json);
        assertTrue(json.contains("\"departures\":[{\"kind\":\"RESERVED_SECURITY_MODE\",\"offset\":17,"), json);
        assertTrue(json.contains("\"value\":\"12345.678\""), json);
    }

    @Test
    void vifWithoutExtensionBitIsReportedAndItsDataShownRaw() {
        String json = json(rspUd(0x72, HEADER + "0000" + "027B3412" + TWO_RECORDS));
        assertTrue(json.contains("\"quantity\":\"unknown VIF 7Bh (no extension bit)\",\"value\":\"3412\""), json);
        assertTrue(json.contains("{\"kind\":\"VIF_WITHOUT_EXTENSION\",\"offset\":20,"), json);
        assertTrue(json.contains("\"value\":\"28.2\""), json);
    }

    @Test
    void reservedDifLeavesTheRestUndecodedWithReasonAndOffset() {
        String json = json(rspUd(0x72, HEADER + "0000" + TWO_RECORDS + "FF0102"));
        assertTrue(json.contains("\"undecoded\":\"FF0102\""), json);
        assertTrue(json.contains("{\"kind\":\"UNDECODED_RECORDS\",\"offset\":29,\"detail\":\"3 bytes not decoded: BAD_RECORD"), json);
    }

    @Test
    void mode5ClearRecordsAfterTheEncryptedBlocksAreListedAndAConformingMessageHasNoDepartures() {
        // OMS N.2.1 without CRCs, L raised by 6, one record in clear after the two encrypted blocks
        String frame = "34" + "4493157856341233037A2A0020255923C95AAA26D1B2E7493B013EC4A6F6D3529B520EDFF0EA6DEFC99D6D69EBF3"
                + "0C1378563412";
        int exit = Main.run(new String[] {"decode", "--json", "--key", "0102030405060708090A0B0C0D0E0F11", frame},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        String json = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, json);
        assertTrue(json.contains("\"value\":\"28504.27\"") && json.contains("\"value\":\"12345.678\""), json);
        assertTrue(json.contains("\"departures\":[]"), json);
    }

    @Test
    void fixedDataStructureIsReportedWithExactCounters() {
        String json = json(rspUd(0x73, "78563412" + "2A" + "00" + "0569" + "31650000" + "69000000"));
        assertTrue(json.contains("\"fixed_data\":{\"id\":\"12345678\",\"access\":42,\"status\":\"00\",\"counters\":\"BCD, actual\","
                + "\"medium\":\"heat\",\"counter1\":{\"value\":\"6531000\",\"unit\":\"Wh\",\"unit_code\":\"05\"},"
                + "\"counter2\":{\"value\":\"0.069\",\"unit\":\"m^3\",\"unit_code\":\"29\"}}"), json);
        assertTrue(json.contains("{\"kind\":\"FIXED_DATA_STRUCTURE\",\"offset\":6,"), json);
    }
}
