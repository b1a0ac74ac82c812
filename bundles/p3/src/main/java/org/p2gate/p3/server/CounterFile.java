package org.p2gate.p3.server;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/**
 * The invocation-counter ceilings, durable across restarts: {@value #FILE_NAME} in the state folder,
 * a Java properties file of two unsigned 32-bit numbers, {@value #RECEIVED} (no management APDU with
 * a counter at or below it is accepted after a restart) and {@value #SENT} (the server's own answers
 * continue above it, so a GCM nonce is never used twice). Each write goes to a temporary file, is
 * forced to the device and atomically renamed over the old one: a crash leaves the old or the new
 * file, never a torn one.
 */
final class CounterFile {

    static final String FILE_NAME = "p3-invocation-counters.properties";
    static final String RECEIVED = "management.received.ceiling";
    static final String SENT = "server.sent.ceiling";

    private final Path file;
    private long received;
    private long sent;

    private CounterFile(Path file, long received, long sent) {
        this.file = file;
        this.received = received;
        this.sent = sent;
    }

    /** Reads the file in {@code folder}, or starts from zero if there is none (the folder is created). */
    static CounterFile open(Path folder) {
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve(FILE_NAME);
            if (!Files.exists(file)) {
                return new CounterFile(file, -1, 0);
            }
            Properties properties = new Properties();
            properties.load(new StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)));
            return new CounterFile(file, number(properties, RECEIVED, file), number(properties, SENT, file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the P3 invocation counters in " + folder
                    + ": check that the state folder is a readable, writable folder (" + e.getMessage() + ")", e);
        }
    }

    private static long number(Properties properties, String key, Path file) {
        String text = properties.getProperty(key);
        try {
            long value = Long.parseLong(text == null ? "" : text.strip());
            if (value < -1 || value > 0xFFFF_FFFFL) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            // a damaged file must not reopen replays: refuse to start, a person decides
            throw new IllegalStateException(file + ": " + key + " is not a counter 0..4294967295 ('" + text
                    + "'); restore the file or set a value above every counter used so far");
        }
    }

    synchronized long received() {
        return received;
    }

    synchronized long sent() {
        return sent;
    }

    synchronized void storeReceived(long value) {
        received = value;
        write();
    }

    synchronized void storeSent(long value) {
        sent = value;
        write();
    }

    private void write() {
        String text = "# p2gate P3 server: invocation counter ceilings (see the org.p2gate.p3 documentation)\n"
                + RECEIVED + "=" + received + "\n" + SENT + "=" + sent + "\n";
        Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            forceFolder();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the P3 invocation counters to " + file + " (" + e.getMessage()
                    + "): requests are refused until the state folder is writable", e);
        }
    }

    /** Makes the rename durable (POSIX: the folder entry); where folders cannot be opened, there is nothing to do. */
    private void forceFolder() {
        try (FileChannel folder = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a folder as a channel; its rename is durable enough
        }
    }
}
