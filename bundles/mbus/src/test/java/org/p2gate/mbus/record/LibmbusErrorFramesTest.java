package org.p2gate.mbus.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;

/** The libmbus error frames that concern records are rejected with the right reason and offset. */
class LibmbusErrorFramesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // 8B 60 04 announces 6 BCD digits (3 bytes) at block offset 13; 2 bytes are left
        "premature_end_of_data2, TRUNCATED, 13",
        // the second 8Bh (a DIFE with its extension bit) announces a DIFE at block offset 12, which is missing
        "premature_end_of_dif2, TRUNCATED, 12",
        // plain-text VIF length 13h (19 characters) at block offset 24, 8 bytes left
        "premature_end_of_var_vif1, TRUNCATED, 24",
        // plain-text VIF length F3h at block offset 24 is no text LVAR (00h..BFh)
        "too_long_var_vif, BAD_LENGTH, 24"})
    void malformedRecordAreaIsRejected(String name, Reason reason, int offset) throws Exception {
        String hex = Files.readString(LibmbusConformanceTest.corpus().resolve("error-frames/" + name + ".hex"));
        TemporaryRecordArea.Area area = TemporaryRecordArea.of(hex);
        DecodeException e = assertThrows(DecodeException.class,
                () -> DataRecords.decode(area.frame(), area.offset(), area.length()));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
    }

    /**
     * too_many_difes / too_many_vifes are CI 70h application-error telegrams (error codes 05h and
     * 06h: the slave reports the problem), not records with too many DIFEs or VIFEs; they carry no
     * record area. The record-level limits are tested in DataRecordTest.
     */
    @ParameterizedTest
    @ValueSource(strings = {"too_many_difes", "too_many_vifes"})
    void tooManyErrorFramesAreApplicationErrorsWithoutRecords(String name) throws Exception {
        String hex = Files.readString(LibmbusConformanceTest.corpus().resolve("error-frames/" + name + ".hex"));
        assertEquals(0x70, HexFormat.of().parseHex(hex.replaceAll("\\s+", ""))[6] & 0xFF);
        assertNull(TemporaryRecordArea.of(hex));
    }
}
