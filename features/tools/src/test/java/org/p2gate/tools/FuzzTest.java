package org.p2gate.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.message.KeyLookup;
import org.p2gate.mbus.message.MessageDecoder;

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
        List<byte[]> seeds = FuzzSeeds.all("FuzzTest");
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

    @Test
    void theSameSeedGivesTheSameInputs() {
        var a = new MessageFuzzer(SeedTelegrams.generated(), new MessageDecoder(KeyLookup.NONE), 7);
        var b = new MessageFuzzer(SeedTelegrams.generated(), new MessageDecoder(KeyLookup.NONE), 7);
        for (int i = 0; i < 100; i++) {
            assertEquals(java.util.HexFormat.of().formatHex(a.next()), java.util.HexFormat.of().formatHex(b.next()));
        }
    }

}
