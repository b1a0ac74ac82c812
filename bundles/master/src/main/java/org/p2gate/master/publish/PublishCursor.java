package org.p2gate.master.publish;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.BundleContext;
import org.p2gate.master.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per channel, the capture time of the newest hourly value the receiver acknowledged, kept in one small file
 * ({@code channel.N=ISO-8601}) that is replaced whole: written to a temporary file, forced to disk, renamed over the
 * old one, and the folder forced, so that a crash at any moment leaves either the old cursor or the new one. A restart
 * therefore neither loses what was not acknowledged nor re-sends what was. Used by one worker thread.
 */
public final class PublishCursor {

    private static final Logger LOG = LoggerFactory.getLogger(PublishCursor.class);
    private static final String KEY = "channel.";
    /** The cursor's file in its publisher's folder. */
    public static final String FILE = "cursor.properties";

    private final Optional<Path> file;
    /** In channel order, so that the file lists them 1..4. */
    private final Map<Channel, Instant> acknowledged = new TreeMap<>(Comparator.comparingInt(Channel::number));
    private final AtomicLong writeFailures = new AtomicLong();

    private PublishCursor(Optional<Path> file, Map<Channel, Instant> loaded) {
        this.file = file;
        acknowledged.putAll(loaded);
    }

    /**
     * The cursor kept in {@code file} (its folder is created). A file that cannot be read or parsed is reported in one
     * line and the cursor starts empty: values within the backfill window are then published again, none is lost.
     */
    public static PublishCursor open(Path file) {
        Map<Channel, Instant> loaded = new HashMap<>();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            loaded = parse(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (NoSuchFileException first) {
            LOG.info("publish cursor {}: none yet, publishing starts from the backfill window", file);
        } catch (IOException | CorruptCursorException e) {
            LOG.warn("publish cursor {} unusable ({}): starting from the backfill window, values in it may be "
                    + "published twice", file, e.getMessage());
        }
        return new PublishCursor(Optional.of(file), loaded);
    }

    /**
     * The cursor of one publisher in {@code <p2gate.data>/<folder>/cursor.properties} (the runtime's data folder,
     * beside the master's store), else in the bundle's data area, else (no file system) in memory.
     */
    public static PublishCursor inDataFolder(BundleContext context, String folder) {
        String data = context.getProperty("p2gate.data");
        File place = data != null ? new File(data, folder) : context.getDataFile(folder);
        if (place == null) {
            LOG.warn("no file system for the publish cursor of {}: kept in memory, a restart publishes the backfill "
                    + "window again", folder);
            return inMemory();
        }
        return open(place.toPath().resolve(FILE));
    }

    /** A cursor kept in memory only (a framework without a file system; tests). */
    public static PublishCursor inMemory() {
        return new PublishCursor(Optional.empty(), Map.of());
    }

    /** The capture time of the newest acknowledged value of a channel; empty when none was. */
    public Optional<Instant> acknowledged(Channel channel) {
        return Optional.ofNullable(acknowledged.get(channel));
    }

    /**
     * Moves a channel's cursor to {@code captureTime} (never backwards) and makes it durable before returning. A failed
     * write is logged and counted; the cursor still moves in memory (so nothing is re-sent while the process lives)
     * and the next advance writes the whole file again.
     */
    public void advance(Channel channel, Instant captureTime) {
        Instant old = acknowledged.get(channel);
        if (old != null && !captureTime.isAfter(old)) {
            return;
        }
        acknowledged.put(channel, captureTime);
        if (file.isPresent()) {
            try {
                write(file.get());
            } catch (IOException e) {
                LOG.warn("cannot write the publish cursor {} ({} failures so far): {}; a restart may publish again "
                        + "what was acknowledged since the last write", file.get(), writeFailures.incrementAndGet(),
                        e.toString());
            }
        }
    }

    /** Writes that failed. */
    public long writeFailures() {
        return writeFailures.get();
    }

    private void write(Path target) throws IOException {
        StringBuilder text = new StringBuilder("# p2gate publish cursor: the newest acknowledged hourly value\n");
        acknowledged.forEach((channel, time) -> text.append(KEY).append(channel.number()).append('=').append(time)
                .append('\n'));
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.ISO_8859_1));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel folder = FileChannel.open(target.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            folder.force(true); // the rename itself reaches the disk
        } catch (IOException notSupported) {
            // some file systems cannot open a folder; the rename is still atomic
        }
    }

    static Map<Channel, Instant> parse(String text) throws CorruptCursorException {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new CorruptCursorException("not a properties file: " + e.getMessage());
        }
        Map<Channel, Instant> parsed = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            String value = properties.getProperty(name);
            try {
                int number = Integer.parseInt(name.substring(name.startsWith(KEY) ? KEY.length() : 0));
                if (!name.startsWith(KEY) || number < 1 || number > Channel.MAX) {
                    throw new CorruptCursorException("unknown key '" + name + "'");
                }
                parsed.put(Channel.of(number), Instant.parse(value));
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new CorruptCursorException("bad entry '" + name + "=" + value + "'");
            }
        }
        return parsed;
    }

}
