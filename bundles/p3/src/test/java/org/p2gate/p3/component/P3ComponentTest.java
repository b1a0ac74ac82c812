package org.p2gate.p3.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2gate.p3.P3Settings;
import org.slf4j.LoggerFactory;

class P3ComponentTest {

    @TempDir
    Path state;
    ListAppender<ILoggingEvent> log;

    @BeforeEach
    void capture() {
        log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(P3Component.class);
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        logger.addAppender(log);
    }

    @AfterEach
    void release() {
        ((Logger) LoggerFactory.getLogger(P3Component.class)).detachAppender(log);
    }

    private String lines() {
        synchronized (log) { // other threads append while the test reads (AppenderBase.doAppend holds it)
            return String.join("\n", log.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        }
    }

    @Test
    void defaultsAreInertAndOneInfoLineSaysWhatIsMissing() {
        new P3Component().activate(null, config("", "", "", state.toString()));
        assertEquals(1, log.list.size());
        assertTrue(lines().contains("not started: set system.title, management.block.cipher.key, "
                + "management.authentication.key in org.p2gate.p3"), lines());
    }

    @Test
    void aMalformedKeyIsReportedByPropertyWithoutItsValue() {
        String badKey = "00112233445566778899AABBCCDDEEGG";
        new P3Component().activate(null, config("5032470000000001", badKey, "D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF",
                state.toString()));
        assertTrue(lines().contains("management.block.cipher.key: an AES-128 key has only hex digits"), lines());
        assertFalse(lines().contains("00112233"), "the key text is not logged");
    }

    @Test
    void keysKuraEncryptedWhileItsDecoderIsGoneAreWaitedForWithoutAnError() {
        // Kura's ciphertext form: base64(IV) "-" base64(AES-GCM); its decoder leaves when org.p2gate.kura stops
        String kuraCiphertext = "q83vASNFZ4mrze8B-3q2+7w==";
        new P3Component().activate(null, config("5032470000000001", kuraCiphertext, kuraCiphertext, state.toString()));

        assertEquals(1, log.list.size(), lines());
        assertEquals(ch.qos.logback.classic.Level.INFO, log.list.get(0).getLevel(), lines());
        assertTrue(lines().contains("stored encrypted and no secret decoder is running"), lines());
        assertFalse(lines().contains(kuraCiphertext), "the stored key is not logged");
        assertTrue(P3Component.looksEncrypted(kuraCiphertext));
        assertFalse(P3Component.looksEncrypted("00112233445566778899AABBCCDDEEGG"), "a mistyped key is an error");
    }

    @Test
    void aCompleteConfigurationBecomesSettings() {
        P3Settings settings = P3Component.settings(null, config("5032470000000001", "000102030405060708090A0B0C0D0E0F",
                "D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF", state.toString()));
        assertEquals(4059, settings.port());
        assertEquals("5032470000000001", settings.systemTitle().toString());
        assertEquals(state, settings.stateFolder());
    }

    @Test
    void keysStoredEncryptedByThePlatformAreDecodedBeforeUse() {
        // a stand-in for Kura's CryptoService: "enc:" + the key reversed
        org.p2gate.p3.SecretDecoder decoder = stored -> stored.startsWith("enc:")
                ? new StringBuilder(stored.substring(4)).reverse().toString() : stored;
        String blockCipherKey = "000102030405060708090A0B0C0D0E0F";
        String authenticationKey = "D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF";

        P3Settings settings = P3Component.settings(null, config("5032470000000001",
                "enc:" + new StringBuilder(blockCipherKey).reverse(), "enc:" + new StringBuilder(authenticationKey).reverse(),
                state.toString()), decoder);

        assertEquals(org.p2gate.mbus.security.AesKey.fromHex(blockCipherKey), settings.blockCipherKey());
        assertEquals(org.p2gate.mbus.security.AesKey.fromHex(authenticationKey), settings.authenticationKey());
    }

    private static P3Config config(String title, String blockCipherKey, String authenticationKey, String folder) {
        return new P3Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return P3Config.class;
            }

            @Override
            public int port() {
                return 4059;
            }

            @Override
            public int server_address() {
                return 1;
            }

            @Override
            public String system_title() {
                return title;
            }

            @Override
            public String management_block_cipher_key() {
                return blockCipherKey;
            }

            @Override
            public String management_authentication_key() {
                return authenticationKey;
            }

            @Override
            public int max_associations() {
                return 32;
            }

            @Override
            public int inactivity_timeout_seconds() {
                return 120;
            }

            @Override
            public String state_folder() {
                return folder;
            }
        };
    }
}
