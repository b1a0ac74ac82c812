package org.p2gate.mbus.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.mbus.message.KeyLookup;
import org.p2gate.mbus.message.Message;
import org.p2gate.mbus.message.MessageDecoder;

/**
 * The libmbus error frames, through the whole message decoder: malformed record areas are rejected
 * with the right reason and offset (counted from the frame's first byte; the records of these CI 72h
 * frames start at byte 19 = 68 L L 68 C A CI + 12-byte long header), and application-error
 * telegrams decode as such.
 */
class LibmbusErrorFramesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // 8B 60 04 announces 6 BCD digits (3 bytes) at frame offset 32 (block offset 13); 2 bytes are left
        "premature_end_of_data2, TRUNCATED, 32",
        // the second 8Bh (a DIFE with its extension bit) announces a DIFE at frame offset 31 (block offset 12), which is missing
        "premature_end_of_dif2, TRUNCATED, 31",
        // plain-text VIF length 13h (19 characters) at frame offset 43 (block offset 24), 8 bytes left
        "premature_end_of_var_vif1, TRUNCATED, 43",
        // plain-text VIF length F3h at frame offset 43 (block offset 24) is no text LVAR (00h..BFh)
        "too_long_var_vif, BAD_LENGTH, 43"})
    void malformedRecordAreaIsRejected(String name, Reason reason, int offset) throws Exception {
        byte[] frame = LibmbusConformanceTest.frameBytes(LibmbusConformanceTest.corpus().resolve("error-frames/" + name + ".hex"));
        DecodeException e = assertThrows(DecodeException.class,
                () -> new MessageDecoder(KeyLookup.NONE).decodeWired(frame, 0, frame.length));
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
        byte[] frame = LibmbusConformanceTest.frameBytes(LibmbusConformanceTest.corpus().resolve("error-frames/" + name + ".hex"));
        Message message = new MessageDecoder(KeyLookup.NONE).decodeWired(frame, 0, frame.length);
        assertEquals(0x70, message.transport().orElseThrow().ci().orElseThrow().code());
        // EN 13757-3 application errors: 05h more than 10 DIFEs, 06h more than 10 VIFEs
        assertEquals(name.equals("too_many_difes") ? 5 : 6, message.applicationError().orElseThrow());
        assertEquals(List.of(), message.records());
    }
}
