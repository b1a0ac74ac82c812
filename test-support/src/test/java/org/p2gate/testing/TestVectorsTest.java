package org.p2gate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The vectors on the class path are the ones VECTORS.md describes. */
class TestVectorsTest {

    @Test
    void theFileHoldsTheCountsVectorsMdStates() {
        // VECTORS.md, table of statuses: 129 vectors, verified only where a printed value was reproduced
        Map<String, Long> byStatus = TestVectors.every()
                .collect(Collectors.groupingBy(v -> v.path("status").asText(), TreeMap::new, Collectors.counting()));
        assertEquals(Map.of("verified", 97L, "verified-partial", 2L, "verified-reconstructed", 8L, "mismatch", 4L,
                "derived", 6L, "unverifiable", 12L), byStatus);
        assertEquals(107, TestVectors.every().filter(v -> v.path("verified").asBoolean()).count());
    }

    @Test
    void theDocumentErrorsAreKeptAsMismatches() {
        // VECTORS.md finding 1: B1.1 prints checksum 4E, the computation gives 8E
        var b11 = TestVectors.byId("dsmr-b1.1-frame");
        assertEquals("mismatch", b11.path("status").asText());
        assertEquals("8E", b11.path("expected").path("checksum").asText());
        assertEquals("4E", b11.path("expected").path("checksum_as_printed").asText());
        assertThrows(IllegalStateException.class, () -> TestVectors.verifiedById("dsmr-b1.1-frame"));
    }

    @Test
    void aVerifiedVectorIsFoundByIdAndAnUnknownOneIsAnError() {
        assertEquals("279FB74A7572135E8F9B8EF6D1EEE003", TestVectors.verifiedById("dsmr-b1.1-user-key-encryption")
                .path("expected").path("encrypted_user_key").asText());
        assertThrows(IllegalStateException.class, () -> TestVectors.byId("no-such-vector"));
        assertThrows(IllegalStateException.class, () -> TestVectors.verified("no-such-kind"));
    }
}
