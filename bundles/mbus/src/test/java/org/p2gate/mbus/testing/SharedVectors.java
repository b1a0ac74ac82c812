package org.p2gate.mbus.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The project's checked test vectors, {@code shared/test-vectors/vectors.json} beside the clone. */
public final class SharedVectors {

    private static final JsonNode ALL = load();

    private SharedVectors() {}

    /** The vectors of one kind whose value was verified by computation; fails if there are none. */
    public static Stream<JsonNode> verified(String kind) {
        var found = StreamSupport.stream(ALL.spliterator(), false)
                .filter(v -> kind.equals(v.path("kind").asText()) && v.path("verified").asBoolean())
                .toList();
        if (found.isEmpty()) {
            throw new IllegalStateException("no verified vectors of kind " + kind);
        }
        return found.stream();
    }

    /** One vector by its id; fails if there is none. */
    public static JsonNode byId(String id) {
        for (JsonNode vector : ALL) {
            if (id.equals(vector.path("id").asText())) {
                return vector;
            }
        }
        throw new IllegalStateException("no vector " + id);
    }

    /** Every vector of a kind, verified or not (a test says why it uses an unverified one). */
    public static Stream<JsonNode> all(String kind) {
        return StreamSupport.stream(ALL.spliterator(), false).filter(v -> kind.equals(v.path("kind").asText()));
    }

    private static JsonNode load() {
        Path file = Path.of(System.getProperty("p2gate.shared", "../../../shared"), "test-vectors", "vectors.json");
        try {
            return new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the test vectors at " + file.toAbsolutePath()
                    + " (the shared/ folder must sit beside the clone, or set -Dp2gate.shared=DIR)", e);
        }
    }
}
