package org.p2gate.headend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One verified vector of the project's {@code shared/test-vectors/vectors.json} (beside the clone). */
public final class Vectors {

    private Vectors() {}

    public static JsonNode verified(String id) {
        Path file = Path.of(System.getProperty("p2gate.shared", "../../../shared"), "test-vectors", "vectors.json");
        try {
            for (JsonNode vector : new ObjectMapper().readTree(Files.readString(file))) {
                if (id.equals(vector.path("id").asText())) {
                    if (!vector.path("verified").asBoolean()) {
                        throw new IllegalStateException("vector " + id + " is not verified");
                    }
                    return vector;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the test vectors at " + file.toAbsolutePath()
                    + " (set -Dp2gate.shared=DIR)", e);
        }
        throw new IllegalStateException("no vector " + id);
    }
}
