package org.p2gate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The project's verified test vectors ({@code vectors.json} on the test class path; {@code test-support/VECTORS.md}
 * says how each value was computed and which printed values of the documents are errors). The only reader of
 * the vectors: every module's tests take them from here.
 */
public final class TestVectors {

    static final String RESOURCE = "vectors.json";

    private static final JsonNode ALL = load();

    private TestVectors() {}

    /** The vectors of one kind whose value was verified by computation; fails if there are none. */
    public static Stream<JsonNode> verified(String kind) {
        var found = all(kind).filter(v -> v.path("verified").asBoolean()).toList();
        if (found.isEmpty()) {
            throw new IllegalStateException("no verified vectors of kind " + kind);
        }
        return found.stream();
    }

    /** Every vector of a kind, verified or not (a test says why it uses an unverified one). */
    public static Stream<JsonNode> all(String kind) {
        return every().filter(v -> kind.equals(v.path("kind").asText()));
    }

    /** One vector by its id, verified or not; fails if there is none. */
    public static JsonNode byId(String id) {
        for (JsonNode vector : ALL) {
            if (id.equals(vector.path("id").asText())) {
                return vector;
            }
        }
        throw new IllegalStateException("no vector " + id);
    }

    /** One vector by its id that was verified by computation; fails if it is missing or not verified. */
    public static JsonNode verifiedById(String id) {
        JsonNode vector = byId(id);
        if (!vector.path("verified").asBoolean()) {
            throw new IllegalStateException("vector " + id + " is not verified (status "
                    + vector.path("status").asText() + ")");
        }
        return vector;
    }

    /** Every vector, in the file's order. */
    public static Stream<JsonNode> every() {
        return StreamSupport.stream(ALL.spliterator(), false);
    }

    private static JsonNode load() {
        try (InputStream in = TestVectors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " beside " + TestVectors.class.getName());
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the test vectors " + RESOURCE, e);
        }
    }
}
