package org.p2gate.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the framework's installed bundles in line with the runtime's embedded set: installs what
 * is new, updates what changed (by content digest), uninstalls what the runtime no longer ships.
 * Bundles installed by someone else (Deployment Admin, an operator) are left alone; an embedded
 * bundle whose symbolic name they already provide is not installed a second time.
 */
final class BundleSync {

    private static final Logger LOG = LoggerFactory.getLogger(BundleSync.class);
    private static final String LOCATION_PREFIX = "p2gate:runtime/";

    private final BundleContext context;
    private final Path digestFile;

    /** @param digestFile where the digest of each installed embedded bundle is remembered */
    BundleSync(BundleContext context, Path digestFile) {
        this.context = context;
        this.digestFile = digestFile;
    }

    /** @return the installed bundles of the embedded set, in its order */
    List<Bundle> apply(List<EmbeddedBundle> embedded) throws IOException {
        Properties digests = load();
        Map<String, Bundle> ours = new HashMap<>();
        Map<String, Bundle> othersByName = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().startsWith(LOCATION_PREFIX)) {
                ours.put(bundle.getLocation(), bundle);
            } else if (bundle.getBundleId() != 0 && bundle.getSymbolicName() != null) {
                othersByName.put(bundle.getSymbolicName(), bundle);
            }
        }

        List<Bundle> result = new ArrayList<>();
        for (EmbeddedBundle wanted : embedded) {
            Bundle other = othersByName.get(wanted.symbolicName());
            if (other != null) {
                LOG.info("{} {} is provided by {} (version {}); the embedded copy is not installed",
                        wanted.symbolicName(), wanted.version(), other.getLocation(), other.getVersion());
                result.add(other);
                continue;
            }
            Bundle installed = ours.remove(wanted.location());
            try (InputStream in = wanted.open()) {
                if (installed == null) {
                    installed = context.installBundle(wanted.location(), in);
                    LOG.debug("installed {} {}", wanted.symbolicName(), wanted.version());
                } else if (!wanted.sha256().equals(digests.getProperty(wanted.location()))) {
                    installed.update(in);
                    LOG.info("updated {} to {}", wanted.symbolicName(), wanted.version());
                }
            } catch (BundleException e) {
                throw new IOException("cannot install " + wanted.entry() + ": " + e.getMessage(), e);
            }
            digests.setProperty(wanted.location(), wanted.sha256());
            result.add(installed);
        }

        for (Bundle dropped : ours.values()) {
            try {
                dropped.uninstall();
                LOG.info("uninstalled {} {}: this runtime no longer ships it", dropped.getSymbolicName(),
                        dropped.getVersion());
            } catch (BundleException e) {
                LOG.warn("cannot uninstall {}: {}", dropped.getSymbolicName(), e.getMessage());
            }
            digests.remove(dropped.getLocation());
        }
        store(digests);
        return result;
    }

    private Properties load() throws IOException {
        Properties digests = new Properties();
        if (Files.exists(digestFile)) {
            try (InputStream in = Files.newInputStream(digestFile)) {
                digests.load(in);
            }
        }
        return digests;
    }

    /** Written to a temporary file and moved into place, so a power cut leaves the old or the new. */
    private void store(Properties digests) throws IOException {
        Path temp = digestFile.resolveSibling(digestFile.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            digests.store(out, "SHA-256 of the embedded bundles installed from this runtime");
        }
        Files.move(temp, digestFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
