package org.p2gate.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.p2gate.testing.ConformanceCorpus;
import org.p2gate.testing.TestVectors;

/**
 * The fuzz tests' seeds: the project's own telegrams (generated, the simulated meters' answers, every complete frame
 * among the test vectors) and, when it is there, the libmbus corpus (another project's data, never committed here).
 */
final class FuzzSeeds {

    private FuzzSeeds() {}

    static List<byte[]> all(String user) throws IOException {
        List<byte[]> seeds = new ArrayList<>(SeedTelegrams.generated());
        TestVectors.all("frame").map(v -> v.path("expected").path("frame").asText()).filter(hex -> !hex.isEmpty())
                .map(HexFormat.of()::parseHex).forEach(seeds::add);
        Optional<Path> corpus = ConformanceCorpus.find();
        if (corpus.isPresent()) {
            seeds.addAll(SeedTelegrams.fromFolder(corpus.get().resolve("test-frames")));
        } else {
            System.out.println(user + ": seeded from the project's own telegrams only (" + seeds.size()
                    + "); no libmbus corpus at " + ConformanceCorpus.configured());
        }
        return seeds;
    }
}
