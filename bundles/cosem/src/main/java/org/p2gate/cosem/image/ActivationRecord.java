package org.p2gate.cosem.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The last activation, in a small file that survives the restart the activation itself causes (the bundle
 * data area keeps it across Deployment Admin updates): written PENDING before installing, then INSTALLED or
 * FAILED; the new server reports image_transfer_status from it.
 */
public final class ActivationRecord {

    public enum Phase { PENDING, INSTALLED, FAILED }

    public record Entry(String packageName, String packageVersion, Phase phase, String detail) {}

    private final Path file;

    public ActivationRecord(Path file) {
        this.file = file;
    }

    public Optional<Entry> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
            return Optional.of(new Entry(p.getProperty("package.name", ""), p.getProperty("package.version", ""),
                    Phase.valueOf(p.getProperty("phase", "FAILED")), p.getProperty("detail", "")));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of(new Entry("", "", Phase.FAILED, "the activation record " + file + " is unreadable: " + e));
        }
    }

    /** Written atomically (temporary file, then move), so a power loss leaves the old or the new record. */
    public void write(Entry entry) {
        Properties p = new Properties();
        p.setProperty("package.name", entry.packageName());
        p.setProperty("package.version", entry.packageVersion());
        p.setProperty("phase", entry.phase().name());
        p.setProperty("detail", entry.detail());
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                p.store(out, "p2gate image activation");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the activation record " + file, e);
        }
    }

    public void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the activation record " + file, e);
        }
    }
}
