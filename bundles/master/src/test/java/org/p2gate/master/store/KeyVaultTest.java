package org.p2gate.master.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2gate.master.Channel;
import org.p2gate.master.ChannelKeys;
import org.p2gate.mbus.security.AesKey;

/** The keys entry format: version 2 (with the pending user key) written, version 1 still read. */
class KeyVaultTest {

    /** A key file with the master key 40h..5Fh (magic, version 1, key, CRC-32C). */
    private static final String KEY_FILE = "5032474b01404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5fd5ef9cac";
    /**
     * Entries written by p2gate before the pending user key (format version 1) with that master key: channel 2 with
     * the Appendix B default and user keys, channel 3 with the default key only.
     */
    private static final String V1_CHANNEL_2 = "4b01b450bf07eedcf9c64b96a88fada21d76eea07b0067a4608b7bc25733f54c5c976b994887a9"
            + "35f4c95bacc3fb0a218379b7139517162a2b10373f39a20cad6133fb";
    private static final String V1_CHANNEL_3 = "4b01efbbec0ddcf6cded5308899e9f49cf90dbef78282f1520631d0798e3940c9e576dc60d64b6"
            + "a2e4c8e88080fec73bf3f904";
    private static final AesKey DEFAULT_KEY = AesKey.fromHex("00112233445566778899AABBCCDDEEFF");
    private static final AesKey USER_KEY = AesKey.fromHex("000102030405060708090A0B0C0D0E0F");

    @TempDir
    Path folder;
    private KeyVault vault;

    @BeforeEach
    void loadTheFixedKeyFile() throws IOException {
        Files.write(folder.resolve(KeyVault.KEY_FILE), HexFormat.of().parseHex(KEY_FILE));
        vault = KeyVault.load(folder, new SecureRandom()).orElseThrow();
    }

    @Test
    void entriesWrittenInFormatVersion1StillDecode() {
        assertEquals(new ChannelKeys(Optional.of(DEFAULT_KEY), Optional.of(USER_KEY)),
                vault.open(Channel.of(2), HexFormat.of().parseHex(V1_CHANNEL_2)));
        assertEquals(new ChannelKeys(Optional.of(DEFAULT_KEY), Optional.empty()),
                vault.open(Channel.of(3), HexFormat.of().parseHex(V1_CHANNEL_3)));
    }

    @Test
    void newEntriesAreVersion2AndKeepThePendingUserKey() {
        ChannelKeys keys = new ChannelKeys(Optional.of(DEFAULT_KEY), Optional.empty(), Optional.of(USER_KEY));
        byte[] entry = vault.seal(Channel.of(1), keys);
        assertEquals(Envelope.KEYS, entry[0]);
        assertEquals(2, entry[1]);
        assertEquals(keys, vault.open(Channel.of(1), entry));
        ChannelKeys none = ChannelKeys.NONE;
        assertEquals(none, vault.open(Channel.of(1), vault.seal(Channel.of(1), none)));
    }

    @Test
    void version1CannotHoldAPendingKeyButStillWritesWhatItHeld() {
        ChannelKeys old = new ChannelKeys(Optional.of(DEFAULT_KEY), Optional.of(USER_KEY));
        byte[] entry = vault.seal(Channel.of(4), old, (byte) 1);
        assertEquals(1, entry[1]);
        assertEquals(old, vault.open(Channel.of(4), entry));
        assertThrows(IllegalArgumentException.class, () -> vault.seal(Channel.of(4), old.withPendingUserKey(USER_KEY), (byte) 1));
    }

    /** The version is in the associated data: an entry relabelled (with a good CRC) fails authentication. */
    @Test
    void aVersion2EntryRelabelledAsVersion1IsCorrupt() {
        byte[] entry = vault.seal(Channel.of(1), new ChannelKeys(Optional.of(DEFAULT_KEY), Optional.of(USER_KEY)));
        entry[1] = 1;
        CRC32C crc = new CRC32C();
        crc.update(entry, 0, entry.length - 4);
        int value = (int) crc.getValue();
        for (int i = 0; i < 4; i++) {
            entry[entry.length - 4 + i] = (byte) (value >>> (24 - 8 * i));
        }
        assertThrows(CorruptEntryException.class, () -> vault.open(Channel.of(1), entry));
    }

    @Test
    void aNewerKeysVersionIsReportedAsSuch() {
        byte[] entry = vault.seal(Channel.of(1), ChannelKeys.NONE);
        entry[1] = 3;
        CRC32C crc = new CRC32C();
        crc.update(entry, 0, entry.length - 4);
        int value = (int) crc.getValue();
        for (int i = 0; i < 4; i++) {
            entry[entry.length - 4 + i] = (byte) (value >>> (24 - 8 * i));
        }
        CorruptEntryException newer = assertThrows(CorruptEntryException.class, () -> vault.open(Channel.of(1), entry));
        assertEquals(true, newer.getMessage().contains("format version 3"), newer.getMessage());
    }
}
