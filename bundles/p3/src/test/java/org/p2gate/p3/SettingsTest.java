package org.p2gate.p3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.security.AesKey;

class SettingsTest {

    private static final Path STATE = Path.of("state");

    @Test
    void defaultsAreTheDlmsPortLogicalDeviceOneAnd32Associations() {
        P3Settings settings = P3Settings.of(Keys.SERVER_TITLE, Keys.BLOCK_CIPHER_KEY, Keys.AUTHENTICATION_KEY, STATE);
        assertEquals(4059, settings.port());
        assertEquals(1, settings.serverAddress());
        assertEquals(32, settings.maxAssociations());
    }

    @Test
    void toStringShowsNoKeyByte() {
        String text = P3Settings.of(Keys.SERVER_TITLE, Keys.BLOCK_CIPHER_KEY, Keys.AUTHENTICATION_KEY, STATE).toString();
        assertFalse(text.contains("000102030405060708090A0B0C0D0E0F") || text.contains("000102030405060708090a0b0c0d0e0f"));
        assertFalse(text.toUpperCase().contains("D0D1D2D3"));
        assertTrue(text.contains("5032470000000001"), "the system title is no secret: " + text);
    }

    @Test
    void anAllZeroKeyIsRefusedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> P3Settings.of(Keys.SERVER_TITLE, AesKey.ZERO, Keys.AUTHENTICATION_KEY, STATE));
        assertTrue(e.getMessage().contains("must not be all zero"), e.getMessage());
    }

    @Test
    void theSameKeyForEncryptionAndAuthenticationIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> P3Settings.of(Keys.SERVER_TITLE, Keys.BLOCK_CIPHER_KEY, Keys.BLOCK_CIPHER_KEY, STATE));
        assertTrue(e.getMessage().contains("must differ"), e.getMessage());
    }

    @Test
    void aPortOutOfRangeIsRefusedNamingTheRange() {
        P3Settings settings = P3Settings.of(Keys.SERVER_TITLE, Keys.BLOCK_CIPHER_KEY, Keys.AUTHENTICATION_KEY, STATE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings.withPort(70000));
        assertTrue(e.getMessage().contains("0..65535"), e.getMessage());
    }

    @Test
    void aZeroInactivityTimeoutIsRefused() {
        P3Settings settings = P3Settings.of(Keys.SERVER_TITLE, Keys.BLOCK_CIPHER_KEY, Keys.AUTHENTICATION_KEY, STATE);
        assertThrows(IllegalArgumentException.class, () -> settings.withInactivityTimeout(Duration.ZERO));
    }

    @Test
    void aSystemTitleOfWrongLengthOrDigitsIsRefusedSayingWhat() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SystemTitle.fromHex("5032"))
                .getMessage().contains("16 hex digits"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SystemTitle.fromHex("50324700000000ZZ"))
                .getMessage().contains("hex digits"));
    }

    @Test
    void aPortInUseIsReportedWithWhatToDo() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            P3Settings settings = P3Settings.of(Keys.SERVER_TITLE, Keys.BLOCK_CIPHER_KEY, Keys.AUTHENTICATION_KEY,
                    java.nio.file.Files.createTempDirectory("p3")).withPort(taken.getLocalPort());
            java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                    () -> P3Server.start(new TestDevice(), settings));
            assertTrue(e.getMessage().contains("choose a free port"), e.getMessage());
        }
    }
}
