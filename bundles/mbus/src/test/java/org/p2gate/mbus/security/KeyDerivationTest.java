package org.p2gate.mbus.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.p2gate.mbus.security.Vectors.bytes;
import static org.p2gate.mbus.security.Vectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.p2gate.testing.TestVectors;
import org.p2gate.mbus.wire.LittleEndian;

class KeyDerivationTest {

    private static final AesKey MASTER = AesKey.fromHex("000102030405060708090A0B0C0D0E0F");

    static Stream<JsonNode> vectors() {
        return TestVectors.verified("cmac-kdf");
    }

    @Test
    void allSixAnnexNDerivationsAreVectors() {
        assertEquals(6, vectors().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void sessionKeyIsCmacOfConstantCounterIdentAndSeven07hUnderTheMasterKey(JsonNode vector) {
        int code = Integer.parseInt(vector.at("/inputs/derivation_constant").asText(), 16);
        KeyDerivation.Constant constant = Stream.of(KeyDerivation.Constant.values())
                .filter(c -> c.code() == code).findFirst().orElseThrow();
        long counter = LittleEndian.readU32(bytes(vector, "/inputs/message_counter_wire"), 0);
        int identification = (int) LittleEndian.readU32(bytes(vector, "/inputs/ident_wire"), 0);
        assertEquals(0x12345678, identification, "the ident in the CMAC input is the meter's, in wire order");
        assertEquals(vector.at("/inputs/cmac_input").asText(), hex(KeyDerivation.input(constant, counter, identification)));
        AesKey master = AesKey.of(bytes(vector, "/inputs/master_key"));
        Iterator<String> names = vector.path("expected").fieldNames();
        String name = names.next();
        assertEquals(constant.name().toLowerCase(java.util.Locale.ROOT), name);
        // compared as keys: a failure prints AesKey[****], never key bytes
        assertEquals(AesKey.of(bytes(vector, "/expected/" + name)), KeyDerivation.derive(master, constant, counter, identification));
    }

    @Test
    void everyConstantAndEveryCounterGivesAnotherKey() {
        AesKey kenc = KeyDerivation.derive(MASTER, KeyDerivation.Constant.KENC, 0x0AB3, 0x12345678);
        assertNotEquals(kenc, KeyDerivation.derive(MASTER, KeyDerivation.Constant.KMAC, 0x0AB3, 0x12345678));
        assertNotEquals(kenc, KeyDerivation.derive(MASTER, KeyDerivation.Constant.LENC, 0x0AB3, 0x12345678));
        assertNotEquals(kenc, KeyDerivation.derive(MASTER, KeyDerivation.Constant.KENC, 0x0AB4, 0x12345678));
        assertNotEquals(kenc, KeyDerivation.derive(MASTER, KeyDerivation.Constant.KENC, 0x0AB3, 0x12345679));
        assertEquals(kenc, KeyDerivation.derive(MASTER, KeyDerivation.Constant.KENC, 0x0AB3, 0x12345678));
    }

    @Test
    void aMessageCounterIsFourBytes() {
        assertThrows(IllegalArgumentException.class,
                () -> KeyDerivation.derive(MASTER, KeyDerivation.Constant.KENC, 0x1_0000_0000L, 0));
        assertThrows(IllegalArgumentException.class, () -> KeyDerivation.derive(MASTER, KeyDerivation.Constant.KENC, -1, 0));
    }
}
