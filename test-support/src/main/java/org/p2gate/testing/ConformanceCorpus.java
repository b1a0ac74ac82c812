package org.p2gate.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The libmbus frames (another project's test data: never committed here). Tests that compare with them run
 * when the corpus is there ({@code -Dp2gate.conformance=DIR}, default {@code ../shared/conformance/libmbus}
 * beside the clone) and otherwise are skipped with one line saying so. {@code -Dp2gate.conformance.required=true}
 * (CI) turns a missing corpus into a failure.
 */
public final class ConformanceCorpus {

    public static final String PROPERTY = "p2gate.conformance";
    public static final String REQUIRED_PROPERTY = "p2gate.conformance.required";

    private static final Set<String> SAID = ConcurrentHashMap.newKeySet();

    private ConformanceCorpus() {}

    /** The corpus folder as configured, whether it exists or not. */
    public static Path configured() {
        return Path.of(System.getProperty(PROPERTY, "../shared/conformance/libmbus")).toAbsolutePath().normalize();
    }

    /** The corpus folder when it holds test frames. */
    public static Optional<Path> find() {
        Path dir = configured();
        return Files.isDirectory(dir.resolve("test-frames")) ? Optional.of(dir) : Optional.empty();
    }

    /**
     * The corpus folder, or a skipped test (one line on stdout per user, the first time), or a failed one when
     * the corpus is required.
     */
    public static Path require(String user) {
        Optional<Path> dir = find();
        if (dir.isPresent()) {
            return dir.get();
        }
        String why = "no libmbus conformance corpus at " + configured() + " (set -D" + PROPERTY + "=DIR)";
        if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
            throw new IllegalStateException(user + ": " + why + ", and " + REQUIRED_PROPERTY + " is set");
        }
        if (SAID.add(user)) {
            System.out.println("skipped: " + user + ": " + why);
        }
        Assumptions.abort(why);
        throw new AssertionError("unreachable");
    }
}
