package org.p2gate.runtime;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The bundle set the runtime ships: every {@code bundles/*.jar} next to the launcher's classes. */
final class EmbeddedBundles {

    static final String FOLDER = "bundles/";

    private EmbeddedBundles() {}

    /** Reads the bundles of the running launcher: from its jar, or from its class folder in a build. */
    static List<EmbeddedBundle> ofLauncher() throws IOException {
        Path codeSource;
        try {
            codeSource = Path.of(EmbeddedBundles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the runtime's own code", e);
        }
        List<EmbeddedBundle> bundles = Files.isDirectory(codeSource)
                ? inFolder(codeSource.resolve(FOLDER))
                : inJar(codeSource);
        if (bundles.isEmpty()) {
            throw new IOException("the runtime at " + codeSource + " holds no bundles under " + FOLDER);
        }
        return bundles;
    }

    static List<EmbeddedBundle> inFolder(Path folder) throws IOException {
        List<EmbeddedBundle> bundles = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                bundles.add(EmbeddedBundle.read(FOLDER + file.getFileName(), () -> Files.newInputStream(file)));
            }
        }
        return bundles;
    }

    private static List<EmbeddedBundle> inJar(Path runtimeJar) throws IOException {
        List<EmbeddedBundle> bundles = new ArrayList<>();
        try (JarFile jar = new JarFile(runtimeJar.toFile())) {
            List<String> entries = jar.stream()
                    .map(JarEntry::getName)
                    .filter(n -> n.startsWith(FOLDER) && n.endsWith(".jar") && n.indexOf('/', FOLDER.length()) < 0)
                    .sorted(Comparator.naturalOrder())
                    .toList();
            for (String name : entries) {
                bundles.add(EmbeddedBundle.read(name, () -> {
                    JarFile owner = new JarFile(runtimeJar.toFile());
                    return new java.io.FilterInputStream(owner.getInputStream(owner.getEntry(name))) {
                        @Override
                        public void close() throws IOException {
                            try {
                                super.close();
                            } finally {
                                owner.close();
                            }
                        }
                    };
                }));
            }
        }
        return bundles;
    }
}
