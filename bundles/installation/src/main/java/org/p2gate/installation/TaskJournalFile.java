package org.p2gate.installation;

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
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.p2gate.master.Binding;
import org.p2gate.master.Channel;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TaskJournal} in {@value #FILE_NAME}: a properties file, one line per channel
 * ({@code channel.N = wired ADDRESS | wireless ID MANUFACTURER VERSION TYPE, mode, step}). Each change is written to a
 * temporary file, forced to the device and renamed over the old one: a crash leaves the old or the new journal. A
 * damaged journal is logged and ignored (the chains then do not resume; nothing else depends on it).
 */
final class TaskJournalFile implements TaskJournal {

    private static final Logger LOG = LoggerFactory.getLogger(TaskJournalFile.class);
    static final String FILE_NAME = "installation-tasks.properties";
    private static final String KEY = "channel.";

    private final Path file;
    private final Map<Channel, Entry> entries = new TreeMap<>((a, b) -> Integer.compare(a.number(), b.number()));

    TaskJournalFile(Path folder) {
        this.file = folder.resolve(FILE_NAME);
        try {
            Files.createDirectories(folder);
            if (Files.exists(file)) {
                Properties properties = new Properties();
                properties.load(new StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)));
                for (String key : properties.stringPropertyNames()) {
                    read(key, properties.getProperty(key));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the installation journal " + file + " (" + e.getMessage()
                    + "): check that the folder is readable and writable", e);
        }
    }

    private void read(String key, String value) {
        try {
            if (!key.startsWith(KEY)) {
                throw new IllegalArgumentException("unknown key");
            }
            Channel channel = Channel.of(Integer.parseInt(key.substring(KEY.length())));
            String[] parts = value.split(",");
            if (parts.length != 3) {
                throw new IllegalArgumentException("three comma-separated fields expected");
            }
            entries.put(channel, new Entry(channel, binding(parts[0].strip()), DeviceMode.valueOf(parts[1].strip()),
                    TaskStep.valueOf(parts[2].strip())));
        } catch (IllegalArgumentException e) {
            LOG.warn("installation journal {}: '{}={}' ignored ({}); that channel's tasks do not resume", file, key, value,
                    e.getMessage());
        }
    }

    private static Binding binding(String text) {
        String[] words = text.split("\\s+");
        if (words.length == 2 && words[0].equals("wired")) {
            return new Binding.Wired(Integer.parseInt(words[1]));
        }
        if (words.length == 5 && words[0].equals("wireless")) {
            return new Binding.Wireless(new ShortId(Integer.parseUnsignedInt(words[1], 16),
                    new ManufacturerCode(Integer.parseInt(words[2])), Integer.parseInt(words[3]),
                    DeviceType.of(Integer.parseInt(words[4]))));
        }
        throw new IllegalArgumentException("a binding is 'wired ADDRESS' or 'wireless ID MANUFACTURER VERSION TYPE'");
    }

    private static String text(Binding binding) {
        if (binding instanceof Binding.Wired w) {
            return "wired " + w.primaryAddress();
        }
        ShortId id = ((Binding.Wireless) binding).shortId();
        return String.format("wireless %08X %d %d %d", id.identification(), id.manufacturer().code(), id.version(),
                id.deviceType().code());
    }

    @Override
    public synchronized Map<Channel, Entry> entries() {
        return Map.copyOf(entries);
    }

    @Override
    public synchronized void record(Entry entry) {
        if (!entry.equals(entries.put(entry.channel(), entry))) {
            write();
        }
    }

    @Override
    public synchronized void forget(Channel channel) {
        if (entries.remove(channel) != null) {
            write();
        }
    }

    private void write() {
        StringBuilder text = new StringBuilder("# p2gate installation: the task chains to resume after a restart\n");
        for (Entry entry : entries.values()) {
            text.append(KEY).append(entry.channel().number()).append('=').append(text(entry.binding())).append(", ")
                    .append(entry.mode()).append(", ").append(entry.step()).append('\n');
        }
        Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.ISO_8859_1)));
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // the chain itself goes on; only its resumption after a restart is at risk
            LOG.warn("cannot write the installation journal {} ({}); a restart will not resume the task chains", file,
                    e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "installation journal " + file;
    }
}
