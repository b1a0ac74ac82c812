package org.p2gate.simulator.component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.simulator.wired.MeterState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated meters' {@link MeterState}s in the data folder, one line per identification number, replaced whole
 * on each change (written, forced to disk, renamed over the old file: a crash leaves the old or the new file, never
 * half of one). Owner-only: it holds the meters' user keys. A damaged line is skipped with one WARN; that meter
 * starts as new.
 */
final class MeterStateFile {

    static final String FILE_NAME = "simulated-meters.properties";

    private static final Logger LOG = LoggerFactory.getLogger(MeterStateFile.class);
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final Path file;
    private final Map<String, MeterState> states = new TreeMap<>();

    private MeterStateFile(Path file) {
        this.file = file;
    }

    /** Opens (and creates) {@code folder} and reads what was saved there. */
    static MeterStateFile open(Path folder) throws IOException {
        Files.createDirectories(folder);
        MeterStateFile stateFile = new MeterStateFile(folder.resolve(FILE_NAME));
        if (Files.exists(stateFile.file)) {
            for (String line : Files.readAllLines(stateFile.file, StandardCharsets.ISO_8859_1)) {
                stateFile.read(line.strip());
            }
        }
        return stateFile;
    }

    /** The state saved for the meter with this identification number. */
    synchronized Optional<MeterState> saved(String identification) {
        return Optional.ofNullable(states.get(identification));
    }

    /** Saves {@code state} if it differs from what is saved; an I/O failure is one ERROR line, the meter goes on. */
    synchronized void save(String identification, MeterState state) {
        if (state.equals(states.put(identification, state))) {
            return;
        }
        try {
            write();
        } catch (IOException e) {
            LOG.error("cannot save the simulated meters' state to {}: {}", file, e.getMessage());
        }
    }

    private void read(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        try {
            String[] keyValue = line.split("=", 2);
            String[] fields = keyValue[1].split(",");
            states.put(keyValue[0].strip(), new MeterState(Integer.parseInt(fields[0].strip()),
                    AesKey.fromHex(fields[1].strip()), Integer.parseInt(fields[2].strip()), Long.parseLong(fields[3].strip())));
        } catch (RuntimeException e) {
            // the line may hold a key: say where, never what
            LOG.warn("{}: a damaged line ignored ({}); that simulated meter starts as new", file,
                    e.getClass().getSimpleName());
        }
    }

    private void write() throws IOException {
        StringBuilder text = new StringBuilder("# p2gate simulated meters: identification=address,user key,access number,"
                + "frame counter (what a real meter keeps across a power loss)\n");
        states.forEach((id, s) -> text.append(id).append('=').append(s.primaryAddress()).append(',')
                .append(HEX.formatHex(s.userKey().exportBytes())).append(',').append(s.accessNumber()).append(',')
                .append(s.frameCounter()).append('\n'));
        Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ownerOnly(temporary);
            channel.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.ISO_8859_1)));
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void ownerOnly(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the folder's own protection applies
        }
    }

    @Override
    public String toString() {
        return "MeterStateFile[" + file + ", " + states.size() + " meters]";
    }

    /** For tests: the raw text on disk. */
    String text() {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
