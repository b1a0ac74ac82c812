package org.p2gate.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.message.KeyLookup;
import org.p2gate.mbus.message.MessageDecoder;

/** The lenient decoder (./p2gate decode) keeps the decoder's contract: a message or a DecodeException, bounded. */
class LenientFuzzTest {

    private static final int INPUTS = 100_000;

    @Test
    void mutatedTelegramsOnlyDecodeOrThrowDecodeExceptionInTheLenientDecoderToo() throws Exception {
        List<byte[]> seeds = FuzzSeeds.all("LenientFuzzTest");
        var fuzzer = new MessageFuzzer(seeds, MessageDecoder.lenient(KeyLookup.always(SeedTelegrams.KEY)), 20261205L);

        MessageFuzzer.Result result = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> fuzzer.run(INPUTS, 0, n -> { }));

        assertEquals(List.of(), result.failures().stream().map(f -> f.thrown() + " on "
                + java.util.HexFormat.of().formatHex(f.input())).toList());
        assertTrue(result.decoded() > INPUTS / 10, "the lenient decoder reads more mutants: " + result.decoded());
    }
}
