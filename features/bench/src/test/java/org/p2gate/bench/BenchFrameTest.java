package org.p2gate.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.message.Message;
import org.p2gate.testing.ConformanceCorpus;
import org.p2gate.testing.TestVectors;

/** The benchmark inputs are the spec examples they claim to be (checked against the project's test vectors). */
class BenchFrameTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private static JsonNode vector(String id) {
        return TestVectors.byId(id);
    }

    @Test
    void dsmrFrameIsMode15WithTheHeaderIvAndDecryptsToTheB13Plaintext() throws Exception {
        byte[] plaintext = HEX.parseHex(vector("dsmr-b1.3-mode15-encrypt").path("inputs").path("plaintext").asText());
        Message m = new P2gateDecoding(BenchFrame.DSMR_B13_MODE15).decode();
        assertEquals(15, m.security().mode());
        assertEquals(3, m.security().encryptedBlocks());
        byte[] app = m.applicationData();
        assertArrayEquals(plaintext, java.util.Arrays.copyOf(app, plaintext.length));
        // the document's ciphertext was made with the 40h IV (test-support/VECTORS.md finding 2): ours differs
        String printed = vector("dsmr-b1.3-mode15-encrypt").path("expected").path("ciphertext").asText();
        String ours = HEX.formatHex(BenchFrame.DSMR_B13_MODE15.p2gateFrame(), 19, 19 + 48);
        assertTrue(!printed.equals(ours), "the header IV (VER 42h) must give another ciphertext than the printed one");
    }

    @Test
    void dsmrFrameHasTheSelfConsistentB13Layout() throws Exception {
        // same bytes as the vector's self-consistent frame except the 48 ciphertext bytes and the checksum
        String expected = vector("dsmr-b1.3-frame-encrypted").path("expected").path("frame").asText();
        String ours = HEX.formatHex(BenchFrame.DSMR_B13_MODE15.p2gateFrame());
        assertEquals(expected.length(), ours.length());
        assertEquals(expected.substring(0, 2 * 19), ours.substring(0, 2 * 19));
        assertEquals(expected.substring(2 * 67, 2 * 74), ours.substring(2 * 67, 2 * 74));
    }

    @Test
    void jmbusDsmrInputIsTheSameFrameInClear() throws Exception {
        byte[] clear = BenchFrame.DSMR_B13_MODE15.jmbusFrame();
        Message m = new MessageDecoderWithoutKeys().decode(clear);
        assertEquals(0, m.security().mode());
        assertEquals(new P2gateDecoding(BenchFrame.DSMR_B13_MODE15).decode().records(), m.records());
    }

    @Test
    void omsFrameIsTheAnnexN21FrameInFormatA() throws Exception {
        JsonNode v = vector("oms-n2.1-snd-nr-frame");
        assertEquals(v.path("expected").path("frame").asText(), HEX.formatHex(BenchFrame.OMS_N21_MODE5.p2gateFrame()));
        assertEquals(v.path("inputs").path("link_data_without_crc").asText(),
                HEX.formatHex(BenchFrame.OMS_N21_MODE5.jmbusFrame()));
        assertEquals(vector("oms-n2.1-mode5-encrypt").path("inputs").path("key").asText(),
                BenchFrame.OMS_N21_MODE5.keyHex());
        assertEquals(5, new P2gateDecoding(BenchFrame.OMS_N21_MODE5).decode().security().mode());
    }

    @Test
    void largeFrameIsAsLongAsTheLargestLibmbusFrame() throws IOException {
        byte[] frame = BenchFrame.LARGE_WIRED.p2gateFrame();
        assertEquals(BenchFrame.LARGE_L + 6, frame.length);
        Path dir = ConformanceCorpus.require("BenchFrameTest (largest libmbus frame)").resolve("test-frames");
        int largest;
        try (Stream<Path> files = Files.list(dir)) {
            largest = files.filter(p -> p.toString().endsWith(".hex")).mapToInt(BenchFrameTest::frameLength).max()
                    .orElseThrow();
        }
        assertEquals(largest, frame.length);
    }

    @Test
    void largeFrameHasManyRecordsOfMixedTypes() throws Exception {
        Message m = new P2gateDecoding(BenchFrame.LARGE_WIRED).decode();
        assertTrue(m.records().size() >= 30, m.records().size() + " records");
        long kinds = m.records().stream().map(r -> r.value().getClass()).distinct().count();
        assertTrue(kinds >= 4, kinds + " kinds of value");
        long fields = m.records().stream().map(r -> r.dataInformation().dataField()).distinct().count();
        assertTrue(fields >= 10, fields + " data fields");
    }

    private static int frameLength(Path file) {
        try {
            return Files.readString(file).replaceAll("\\s+", "").length() / 2;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A decoder with no keys: a clear frame decodes, an encrypted one would fail. */
    private static final class MessageDecoderWithoutKeys {
        private final org.p2gate.mbus.message.MessageDecoder decoder =
                new org.p2gate.mbus.message.MessageDecoder(org.p2gate.mbus.message.KeyLookup.NONE);

        Message decode(byte[] frame) throws org.p2gate.mbus.DecodeException {
            return decoder.decode(frame);
        }
    }
}
