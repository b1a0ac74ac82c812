package org.p2gate.master.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.p2gate.master.store.Fixtures.T0;
import static org.p2gate.master.store.Fixtures.hourly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2gate.master.Channel;
import org.p2gate.master.ChannelKeys;
import org.p2gate.master.MBusEvent;
import org.p2gate.master.MBusEventKind;
import org.p2gate.mbus.security.AesKey;

/** What {@link MvStoreMasterStore} puts on disk: keys never in clear, the key file, corrupt entries reported. */
class MvStoreOnDiskTest {

    @TempDir
    Path folder;

    private List<AesKey> writeKeys(MvStoreMasterStore store) {
        List<AesKey> written = new ArrayList<>();
        for (Channel channel : Channel.ALL) {
            ChannelKeys keys = Fixtures.keys(channel.number()).withPendingUserKey(Fixtures.key("pending", channel.number()));
            store.putKeys(channel, keys);
            written.add(keys.defaultKey().orElseThrow());
            written.add(keys.userKey().orElseThrow());
            written.add(keys.pendingUserKey().orElseThrow());
        }
        return written;
    }

    @Test
    void noChannelKeyByteSequenceIsInTheStoreFile() throws IOException {
        List<AesKey> written;
        try (MvStoreMasterStore store = MvStoreMasterStore.open(folder)) {
            written = writeKeys(store);
            // rewritten keys: the old ones must not linger in clear either
            store.putKeys(Channel.of(1), Fixtures.keys(100));
            written.add(Fixtures.keys(100).userKey().orElseThrow());
            assertNoKeyIn(Files.readAllBytes(folder.resolve(MvStoreMasterStore.STORE_FILE)), written, "while open");
        }
        byte[] file = Files.readAllBytes(folder.resolve(MvStoreMasterStore.STORE_FILE));
        assertTrue(file.length > 0);
        assertNoKeyIn(file, written, "after close");
        assertNoKeyIn(Files.readAllBytes(folder.resolve(MvStoreMasterStore.KEY_FILE)), written, "in store.key");
        try (MvStoreMasterStore again = MvStoreMasterStore.open(folder)) {
            assertEquals(Fixtures.keys(100), again.keys(Channel.of(1)));
        }
    }

    /** Looks for every 8-byte window of every key (a partial leak counts too). */
    private static void assertNoKeyIn(byte[] file, List<AesKey> keys, String when) {
        for (AesKey key : keys) {
            byte[] bytes = key.exportBytes();
            for (int start = 0; start + 8 <= bytes.length; start += 4) {
                assertEquals(-1, indexOf(file, bytes, start, 8), "a channel key's bytes are in the file " + when);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from, int length) {
        outer:
        for (int i = 0; i + length <= haystack.length; i++) {
            for (int j = 0; j < length; j++) {
                if (haystack[i + j] != needle[from + j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void theKeyFileIsOwnerOnlyWithA32ByteKey() throws IOException {
        MvStoreMasterStore.open(folder).close();
        Path keyFile = folder.resolve(MvStoreMasterStore.KEY_FILE);
        byte[] bytes = Files.readAllBytes(keyFile);
        assertEquals(4 + 1 + 32 + 4, bytes.length, "magic, version, AES-256 key, CRC-32C");
        assertArrayEquals(new byte[] {'P', '2', 'G', 'K', 1}, java.util.Arrays.copyOf(bytes, 5));
        assertFalse(Files.exists(folder.resolve(MvStoreMasterStore.KEY_FILE + ".tmp")), "the temporary file is moved");
        assumeTrue(folder.getFileSystem().supportedFileAttributeViews().contains("posix"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    }

    @Test
    void eachStoreGetsItsOwnMasterKeyAndReopeningKeepsIt() throws IOException {
        MvStoreMasterStore.open(folder.resolve("a")).close();
        MvStoreMasterStore.open(folder.resolve("b")).close();
        byte[] a = Files.readAllBytes(folder.resolve("a").resolve(MvStoreMasterStore.KEY_FILE));
        byte[] b = Files.readAllBytes(folder.resolve("b").resolve(MvStoreMasterStore.KEY_FILE));
        assertFalse(java.util.Arrays.equals(a, b));
        MvStoreMasterStore.open(folder.resolve("a")).close();
        assertArrayEquals(a, Files.readAllBytes(folder.resolve("a").resolve(MvStoreMasterStore.KEY_FILE)));
    }

    @Test
    void aMissingKeyFileIsReportedNotReplaced() throws IOException {
        try (MvStoreMasterStore store = MvStoreMasterStore.open(folder)) {
            store.putKeys(Channel.of(1), Fixtures.keys(1));
        }
        Files.delete(folder.resolve(MvStoreMasterStore.KEY_FILE));
        StoreException missing = assertThrows(StoreException.class, () -> MvStoreMasterStore.open(folder));
        assertTrue(missing.getMessage().contains("store.key") && missing.getMessage().contains("missing"), missing.getMessage());
        assertFalse(Files.exists(folder.resolve(MvStoreMasterStore.KEY_FILE)), "no new key is made for a store with keys");
    }

    @Test
    void anotherStoresKeyFileIsReported() throws IOException {
        MvStoreMasterStore.open(folder.resolve("a")).close();
        MvStoreMasterStore.open(folder.resolve("b")).close();
        Files.copy(folder.resolve("b").resolve(MvStoreMasterStore.KEY_FILE), folder.resolve("a").resolve(MvStoreMasterStore.KEY_FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        StoreException wrong = assertThrows(StoreException.class, () -> MvStoreMasterStore.open(folder.resolve("a")));
        assertTrue(wrong.getMessage().contains("key check"), wrong.getMessage());
    }

    @Test
    void aDamagedKeyFileIsReported() throws IOException {
        MvStoreMasterStore.open(folder).close();
        Path keyFile = folder.resolve(MvStoreMasterStore.KEY_FILE);
        byte[] bytes = Files.readAllBytes(keyFile);
        bytes[10] ^= 0x01;
        Files.write(keyFile, bytes);
        StoreException damaged = assertThrows(StoreException.class, () -> MvStoreMasterStore.open(folder));
        assertTrue(damaged.getMessage().contains("damaged"), damaged.getMessage());
    }

    @Test
    void aStaleTemporaryKeyFileFromACrashIsReplaced() throws IOException {
        Files.createDirectories(folder);
        Files.write(folder.resolve(MvStoreMasterStore.KEY_FILE + ".tmp"), new byte[] {1, 2, 3});
        try (MvStoreMasterStore store = MvStoreMasterStore.open(folder)) {
            store.putKeys(Channel.of(2), Fixtures.keys(2));
        }
        try (MvStoreMasterStore store = MvStoreMasterStore.open(folder)) {
            assertEquals(Fixtures.keys(2), store.keys(Channel.of(2)));
        }
    }

    // ---- corrupt entries are reported, naming what

    private void rewrite(String map, long key, UnaryOperator<byte[]> change) {
        MVStore raw = new MVStore.Builder().fileName(folder.resolve(MvStoreMasterStore.STORE_FILE).toString()).open();
        try {
            MVMap<Long, byte[]> entries = raw.openMap(map, new MVMap.Builder<Long, byte[]>().keyType(LongDataType.INSTANCE)
                    .valueType(ByteArrayDataType.INSTANCE));
            entries.put(key, change.apply(entries.get(key)));
            raw.commit();
        } finally {
            raw.close();
        }
    }

    private static UnaryOperator<byte[]> flip(int index) {
        return bytes -> {
            byte[] changed = bytes.clone();
            changed[index < 0 ? changed.length + index : index] ^= 0x10;
            return changed;
        };
    }

    @Test
    void aCorruptChannelStateIsReportedNamingTheChannel() {
        try (MvStoreMasterStore store = MvStoreMasterStore.open(folder)) {
            store.put(Fixtures.fullState(Channel.of(3), 77));
        }
        rewrite("channels", 3, flip(5));
        try (MvStoreMasterStore store = MvStoreMasterStore.open(folder)) {
            CorruptEntryException corrupt = assertThrows(CorruptEntryException.class, () -> store.channel(Channel.of(3)));
            assertTrue(corrupt.getMessage().contains("channel 3") && corrupt.getMessage().contains("CRC"), corrupt.getMessage());
            // and put, which reads the stored state to check the frame counter, does not overwrite it blindly
            assertThrows(CorruptEntryException.class, () -> store.put(Fixtures.fullState(Channel.of(3), 1)));
        }
    }

    @Test
    void aStateStoredUnderAnotherChannelIsReported() {
        try (MvStoreMasterStore store = MvStoreMasterStore.open(folder)) {
            store.put(Fixtures.fullState(Channel.of(1), 77));
        }
        byte[][] entry = new byte[1][];
        rewrite("channels", 1, bytes -> {
            entry[0] = bytes;
            return bytes;
        });
        rewrite("channels", 2, bytes -> entry[0]);
        try (MvStoreMasterStore store = MvStoreMasterStore.open(folder)) {
            CorruptEntryException corrupt = assertThrows(CorruptEntryException.class, () -> store.channel(Channel.of(2)));
            assertTrue(corrupt.getMessage().contains("channel 2") && corrupt.getMessage().contains("channel 1"),
                    corrupt.getMessage());
        }
    }

    @Test
    void corruptKeysAreReportedWithoutKeyBytes() {
        try (MvStoreMasterStore store = MvStoreMasterStore.open(folder)) {
            store.putKeys(Channel.of(2), Fixtures.keys(2));
        }
        rewrite("keys", 2, flip(20));
        try (MvStoreMasterStore store = MvStoreMasterStore.open(folder)) {
            CorruptEntryException corrupt = assertThrows(CorruptEntryException.class, () -> store.keys(Channel.of(2)));
            assertTrue(corrupt.getMessage().contains("channel 2"), corrupt.getMessage());
            assertNoKeyText(corrupt.getMessage(), Fixtures.keys(2));
        }
    }

    @Test
    void keysMovedToAnotherChannelFailAuthentication() {
        try (MvStoreMasterStore store = MvStoreMasterStore.open(folder)) {
            store.putKeys(Channel.of(1), Fixtures.keys(1));
        }
        byte[][] entry = new byte[1][];
        rewrite("keys", 1, bytes -> {
            entry[0] = bytes;
            return bytes;
        });
        rewrite("keys", 4, bytes -> entry[0]);
        try (MvStoreMasterStore store = MvStoreMasterStore.open(folder)) {
            CorruptEntryException moved = assertThrows(CorruptEntryException.class, () -> store.keys(Channel.of(4)));
            assertTrue(moved.getMessage().contains("channel 4") && moved.getMessage().contains("authentication"),
                    moved.getMessage());
            assertEquals(Fixtures.keys(1), store.keys(Channel.of(1)));
        }
    }

    @Test
    void aCorruptHourlyValueIsReportedNotSkipped() {
        try (MvStoreMasterStore store = MvStoreMasterStore.open(folder)) {
            store.addHourlyValue(Channel.of(4), hourly(1, "1.5"));
            store.addHourlyValue(Channel.of(4), hourly(2, "2.5"));
        }
        long key = T0.plusSeconds(7200).getEpochSecond();
        rewrite("hourly.4", key, flip(-1));
        try (MvStoreMasterStore store = MvStoreMasterStore.open(folder)) {
            CorruptEntryException corrupt = assertThrows(CorruptEntryException.class,
                    () -> store.hourlyValues(Channel.of(4), Instant.MIN, Instant.MAX));
            assertTrue(corrupt.getMessage().contains("channel 4") && corrupt.getMessage().contains(Long.toString(key)),
                    corrupt.getMessage());
            assertEquals(List.of(hourly(1, "1.5")), store.hourlyValues(Channel.of(4), T0, T0.plusSeconds(7200)));
        }
    }

    @Test
    void aTruncatedEventIsReportedNamingItsPosition() {
        try (MvStoreMasterStore store = MvStoreMasterStore.open(folder)) {
            store.addEvent(new MBusEvent(T0, Channel.of(1), MBusEventKind.FRAUD_ATTEMPT));
        }
        rewrite("events", 0, bytes -> java.util.Arrays.copyOf(bytes, 3));
        try (MvStoreMasterStore store = MvStoreMasterStore.open(folder)) {
            CorruptEntryException corrupt = assertThrows(CorruptEntryException.class, () -> store.events(10));
            assertTrue(corrupt.getMessage().contains("event log entry 0"), corrupt.getMessage());
        }
    }

    // ---- keys never printed

    @Test
    void noKeyByteInToStringOrMessages() {
        try (MvStoreMasterStore store = MvStoreMasterStore.open(folder)) {
            ChannelKeys keys = Fixtures.keys(9);
            store.putKeys(Channel.of(1), keys);
            assertNoKeyText(store.toString(), keys);
            assertNoKeyText(store.keys(Channel.of(1)).toString(), keys);
            KeyVault vault = KeyVault.load(folder, new java.security.SecureRandom()).orElseThrow();
            assertEquals("KeyVault[AES-256, ****]", vault.toString());
            byte[] master = java.util.Arrays.copyOfRange(readKeyFile(), 5, 37);
            assertFalse(vault.toString().toLowerCase().contains(HexFormat.of().formatHex(master)));
        }
    }

    private byte[] readKeyFile() {
        try {
            return Files.readAllBytes(folder.resolve(MvStoreMasterStore.KEY_FILE));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertNoKeyText(String text, ChannelKeys keys) {
        for (Optional<AesKey> key : List.of(keys.defaultKey(), keys.userKey())) {
            if (key.isPresent()) {
                String hex = HexFormat.of().formatHex(key.get().exportBytes());
                assertFalse(text.toLowerCase().contains(hex.substring(0, 8)), "key bytes in: " + text.length() + " chars");
            }
        }
    }

    // ---- compaction

    @Test
    void compactingEveryFewCommitsKeepsEverything() {
        try (MvStoreMasterStore store = MvStoreMasterStore.open(folder, StoreSettings.DEFAULTS, 5)) {
            for (int hour = 0; hour < 600; hour++) {
                store.addHourlyValue(Channel.of(1), hourly(hour, Integer.toString(hour)));
                store.put(Fixtures.boundState(Channel.of(1), hour));
                if (hour % 10 == 0) {
                    store.putKeys(Channel.of(2), Fixtures.keys(hour));
                }
            }
        }
        try (MvStoreMasterStore store = MvStoreMasterStore.open(folder)) {
            List<org.p2gate.master.HourlyValue> values = store.hourlyValues(Channel.of(1), Instant.MIN, Instant.MAX);
            assertEquals(14 * 24 + 1, values.size());
            for (int i = 0; i < values.size(); i++) {
                int hour = 599 - 14 * 24 + i;
                assertEquals(hourly(hour, Integer.toString(hour)), values.get(i));
            }
            assertEquals(599, store.channel(Channel.of(1)).lastValidatedFrameCounter().getAsLong());
            assertEquals(Fixtures.keys(590), store.keys(Channel.of(2)));
        }
    }
}
