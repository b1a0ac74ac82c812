package org.p2gate.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.message.KeyLookup;
import org.p2gate.mbus.message.MessageDecoder;
import org.p2gate.testing.ConformanceCorpus;
import org.p2gate.testing.TestVectors;

/**
 * A bounded fuzz run in every build (./p2gate fuzz runs millions): random and mutated telegrams
 * from the generated seeds, the simulators' answers, the spec examples and (when present) the libmbus corpus; the decoder only ever returns a message or
 * throws DecodeException, and always returns.
 */
class FuzzTest {

    private static final int INPUTS = 150_000;

    @Test
    void theSeedsDecode() throws Exception {
        MessageDecoder decoder = new MessageDecoder(KeyLookup.always(SeedTelegrams.KEY));
        for (byte[] seed : SeedTelegrams.generated()) {
            decoder.decode(seed); // throws if a seed is not a valid telegram
        }
        assertTrue(SeedTelegrams.generated().size() >= 8);
    }

    @Test
    void mutatedTelegramsOnlyDecodeOrThrowDecodeException() throws Exception {
        List<byte[]> seeds = new ArrayList<>(SeedTelegrams.generated());
        seeds.addAll(specExampleFrames());
        // the libmbus corpus adds real meters' frames when it is there (never committed: another project's data)
        Optional<Path> corpus = ConformanceCorpus.find();
        if (corpus.isPresent()) {
            seeds.addAll(SeedTelegrams.fromFolder(corpus.get().resolve("test-frames")));
            assertTrue(seeds.size() > 40, "generated seeds, spec examples and the libmbus corpus");
        } else {
            System.out.println("FuzzTest: seeded from the project's own telegrams only (" + seeds.size()
                    + "); no libmbus corpus at " + ConformanceCorpus.configured());
        }
        assertTrue(seeds.size() >= 20, "generated seeds, the simulators' answers and the spec examples: " + seeds.size());
        var fuzzer = new MessageFuzzer(seeds, new MessageDecoder(KeyLookup.always(SeedTelegrams.KEY)), 20261121L);

        MessageFuzzer.Result result = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> fuzzer.run(INPUTS, 0, n -> { }));

        assertEquals(List.of(), result.failures().stream().map(f -> f.thrown() + " on "
                + java.util.HexFormat.of().formatHex(f.input())).toList());
        assertEquals(INPUTS, result.inputs());
        assertTrue(result.decoded() > INPUTS / 20, "a share of the mutants still decodes: " + result.decoded());
        assertTrue(result.rejected().size() >= 6, "many kinds of rejection are reached: " + result.rejected());
    }

    @Test
    void theSimulatedMetersOfEveryKindAnswerInClearAndInMode15() throws Exception {
        MessageDecoder decoder = new MessageDecoder(KeyLookup.always(SeedTelegrams.KEY));
        List<Integer> modes = new ArrayList<>();
        for (byte[] answer : SeedTelegrams.simulatedMeterAnswers()) {
            modes.add(decoder.decode(answer).security().mode());
        }
        assertEquals(List.of(0, 15, 0, 15, 0, 15, 0, 15), modes);
    }

    /** Every complete frame among the project's test vectors (spec examples, as computed). */
    private static List<byte[]> specExampleFrames() {
        return TestVectors.all("frame").map(v -> v.path("expected").path("frame").asText())
                .filter(hex -> !hex.isEmpty()).map(java.util.HexFormat.of()::parseHex).toList();
    }

    @Test
    void theSameSeedGivesTheSameInputs() {
        var a = new MessageFuzzer(SeedTelegrams.generated(), new MessageDecoder(KeyLookup.NONE), 7);
        var b = new MessageFuzzer(SeedTelegrams.generated(), new MessageDecoder(KeyLookup.NONE), 7);
        for (int i = 0; i < 100; i++) {
            assertEquals(java.util.HexFormat.of().formatHex(a.next()), java.util.HexFormat.of().formatHex(b.next()));
        }
    }

}
