package org.p2gate.master.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32C;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.p2gate.master.Channel;
import org.p2gate.master.ChannelKeys;
import org.p2gate.mbus.security.AesKey;

/**
 * The gateway-local master key (AES-256) and the encryption of channel keys at rest with it
 * (AES-GCM, a random 12-byte nonce per write, the channel number in the associated data).
 *
 * <p>Key file {@code store.key}: {@code "P2GK" | version 1 | 32 key bytes | CRC-32C (4)}, owner-only
 * (rw-------) where the file system has POSIX permissions, written once, atomically (temporary file,
 * fsync, move, fsync of the folder).
 *
 * <p>Sealed keys: the {@link Envelope} payload is {@code nonce (12) | ciphertext + tag (16)} of
 * {@code flags (bit 0 default key, bit 1 user key, bit 2 pending user key) | default key (16, if any)
 * | user key (16, if any) | pending user key (16, if any)}; the associated data is {@code type | version
 * | channel}. Entry version 2 ({@link Envelope#KEYS_VERSION}) is written; version 1 (before the pending
 * key: flags bits 0 and 1 only) is still read. Key bytes never appear in a message.
 */
final class KeyVault {

    static final String KEY_FILE = "store.key";

    private static final byte[] MAGIC = {'P', '2', 'G', 'K'};
    private static final int FILE_VERSION = 1;
    private static final int MASTER_KEY_LENGTH = 32;
    private static final int FILE_LENGTH = MAGIC.length + 1 + MASTER_KEY_LENGTH + 4;
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] CHECK_TEXT = "p2gate master store key check".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec masterKey;
    private final SecureRandom random;

    private KeyVault(byte[] key, SecureRandom random) {
        this.masterKey = new SecretKeySpec(key, "AES");
        this.random = random;
    }

    /** The vault of the key file in {@code folder}, if that file exists. */
    static Optional<KeyVault> load(Path folder, SecureRandom random) {
        Path file = folder.resolve(KEY_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StoreException("cannot read the store's key file " + file + ": " + e.getMessage(), e);
        }
        try {
            if (bytes.length != FILE_LENGTH || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
                    || bytes[MAGIC.length] != FILE_VERSION || crc(bytes, FILE_LENGTH - 4) != readInt(bytes, FILE_LENGTH - 4)) {
                throw new StoreException("the store's key file " + file + " is damaged (" + bytes.length
                        + " bytes, not a version-1 key file with a good checksum): the channel keys cannot be read;"
                        + " restore it from a backup");
            }
            return Optional.of(new KeyVault(Arrays.copyOfRange(bytes, MAGIC.length + 1, MAGIC.length + 1 + MASTER_KEY_LENGTH), random));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Creates a new random master key in {@code folder}, owner-only, atomically; fails if one exists. */
    static KeyVault create(Path folder, SecureRandom random) {
        Path file = folder.resolve(KEY_FILE);
        Path temporary = folder.resolve(KEY_FILE + ".tmp");
        byte[] key = new byte[MASTER_KEY_LENGTH];
        random.nextBytes(key);
        byte[] bytes = new byte[FILE_LENGTH];
        try {
            System.arraycopy(MAGIC, 0, bytes, 0, MAGIC.length);
            bytes[MAGIC.length] = FILE_VERSION;
            System.arraycopy(key, 0, bytes, MAGIC.length + 1, MASTER_KEY_LENGTH);
            writeInt(bytes, FILE_LENGTH - 4, crc(bytes, FILE_LENGTH - 4));
            Files.deleteIfExists(temporary); // left by a crash during an earlier creation
            try (FileChannel channel = createOwnerOnly(temporary, folder)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            restrictToOwner(temporary);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file);
            }
            syncFolder(folder);
            return new KeyVault(key, random);
        } catch (IOException e) {
            throw new StoreException("cannot create the store's key file " + file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Whether the key file of {@code folder} gives group or others any access (where POSIX permissions exist). */
    static boolean isWiderThanOwner(Path folder) {
        Path file = folder.resolve(KEY_FILE);
        try {
            if (!supportsPosix(folder)) {
                return false;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return !EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE).containsAll(permissions);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    // ---- channel keys

    byte[] seal(Channel channel, ChannelKeys keys) {
        return seal(channel, keys, Envelope.KEYS_VERSION);
    }

    /** Seals in entry format {@code version} (1 only for tests of reading old stores: it cannot hold a pending key). */
    byte[] seal(Channel channel, ChannelKeys keys, byte version) {
        if (version < 1 || version > Envelope.KEYS_VERSION) {
            throw new IllegalArgumentException("keys entry version " + version);
        }
        if (version == 1 && keys.pendingUserKey().isPresent()) {
            throw new IllegalArgumentException("a version-1 keys entry cannot hold a pending user key");
        }
        byte[] plain = new byte[1 + 3 * AesKey.LENGTH];
        int length = 1;
        if (keys.defaultKey().isPresent()) {
            plain[0] |= 1;
            length = put(plain, length, keys.defaultKey().get());
        }
        if (keys.userKey().isPresent()) {
            plain[0] |= 2;
            length = put(plain, length, keys.userKey().get());
        }
        if (keys.pendingUserKey().isPresent()) {
            plain[0] |= 4;
            length = put(plain, length, keys.pendingUserKey().get());
        }
        byte[] content = Arrays.copyOf(plain, length);
        try {
            return Envelope.seal(Envelope.KEYS, version, encrypt(content, aad(Envelope.KEYS, version, channel.number())));
        } finally {
            Arrays.fill(plain, (byte) 0);
            Arrays.fill(content, (byte) 0);
        }
    }

    ChannelKeys open(Channel channel, byte[] entry) {
        String what = channel + " keys";
        Envelope.Opened opened = Envelope.open(Envelope.KEYS, entry, what, Envelope.KEYS_VERSION);
        byte[] plain = decrypt(opened.payload(), aad(Envelope.KEYS, opened.version(), channel.number()), what);
        try {
            int allowed = opened.version() == 1 ? 3 : 7;
            int flags = plain.length > 0 ? plain[0] : -1;
            int expected = 1 + Integer.bitCount(Math.max(flags, 0) & 7) * AesKey.LENGTH;
            if (flags < 0 || (flags & ~allowed) != 0 || plain.length != expected) {
                throw new CorruptEntryException(what + " are corrupt: the decrypted entry has a bad layout");
            }
            int at = 1;
            Optional<AesKey> defaultKey = Optional.empty();
            if ((flags & 1) != 0) {
                defaultKey = Optional.of(AesKey.of(plain, at));
                at += AesKey.LENGTH;
            }
            Optional<AesKey> userKey = Optional.empty();
            if ((flags & 2) != 0) {
                userKey = Optional.of(AesKey.of(plain, at));
                at += AesKey.LENGTH;
            }
            Optional<AesKey> pending = (flags & 4) != 0 ? Optional.of(AesKey.of(plain, at)) : Optional.empty();
            return new ChannelKeys(defaultKey, userKey, pending);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    // ---- key check: proves that the key file belongs to the store

    byte[] checkValue() {
        return Envelope.seal(Envelope.KEY_CHECK, encrypt(CHECK_TEXT, aad(Envelope.KEY_CHECK, Envelope.VERSION, 0)));
    }

    boolean matches(byte[] checkEntry) {
        try {
            byte[] plain = decrypt(Envelope.open(Envelope.KEY_CHECK, checkEntry, "the key check"), aad(Envelope.KEY_CHECK, Envelope.VERSION, 0),
                    "the key check");
            return Arrays.equals(plain, CHECK_TEXT);
        } catch (WrongKeyException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "KeyVault[AES-256, ****]";
    }

    // ---- AES-GCM

    private byte[] encrypt(byte[] plain, byte[] aad) {
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = new byte[NONCE_LENGTH + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_LENGTH);
            System.arraycopy(sealed, 0, out, NONCE_LENGTH, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new StoreException("AES-GCM is not available to encrypt keys: " + e.getClass().getSimpleName(), e);
        }
    }

    /** An authentication failure of an entry whose checksum is good: the master key is not the one that wrote it. */
    static final class WrongKeyException extends CorruptEntryException {
        private static final long serialVersionUID = 1L;

        WrongKeyException(String message) {
            super(message);
        }
    }

    private byte[] decrypt(byte[] payload, byte[] aad, String what) {
        if (payload.length < NONCE_LENGTH + TAG_BITS / 8) {
            throw new CorruptEntryException(what + " are corrupt: " + payload.length + " bytes, shorter than nonce and tag");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, payload, 0, NONCE_LENGTH));
            cipher.updateAAD(aad);
            return cipher.doFinal(payload, NONCE_LENGTH, payload.length - NONCE_LENGTH);
        } catch (AEADBadTagException e) {
            // the CRC-32C was good, so the bytes are as written: another master key, or another channel's entry
            throw new WrongKeyException(what + " cannot be decrypted: the authentication tag does not match"
                    + " (store.key is not the key that wrote them, or the entry was moved from another channel)");
        } catch (GeneralSecurityException e) {
            throw new StoreException("AES-GCM is not available to decrypt keys: " + e.getClass().getSimpleName(), e);
        }
    }

    private static byte[] aad(byte type, byte version, int channel) {
        return new byte[] {type, version, (byte) channel};
    }

    private static int put(byte[] plain, int at, AesKey key) {
        byte[] bytes = key.exportBytes();
        System.arraycopy(bytes, 0, plain, at, AesKey.LENGTH);
        Arrays.fill(bytes, (byte) 0);
        return at + AesKey.LENGTH;
    }

    // ---- files

    private static boolean supportsPosix(Path folder) {
        return folder.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Opens a new file with rw------- from its creation where POSIX permissions exist (no moment with wider access). */
    private static FileChannel createOwnerOnly(Path file, Path folder) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (supportsPosix(folder)) {
            FileAttribute<Set<PosixFilePermission>> ownerOnly =
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            return FileChannel.open(file, options, ownerOnly);
        }
        return FileChannel.open(file, options);
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (supportsPosix(file.toAbsolutePath().getParent())) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } else {
            java.io.File plain = file.toFile();
            plain.setReadable(false, false);
            plain.setWritable(false, false);
            plain.setReadable(true, true);
            plain.setWritable(true, true);
        }
    }

    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can open a folder to sync it (Windows): the move is then as durable as it gets
        }
    }

    private static int crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    private static int readInt(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8 | bytes[at + 3] & 0xFF;
    }

    private static void writeInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }
}
