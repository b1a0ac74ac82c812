package org.p2gate.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.p2gate.mbus.message.KeyLookup;
import org.p2gate.mbus.message.MessageDecoder;

/**
 * {@code ./p2gate fuzz [--count N] [--seed S] [--corpus DIR]}: runs the message decoder over N
 * random and mutated telegrams and reports the count, the outcomes and any contract breach.
 * Exit 0 when the decoder kept its contract, 1 otherwise.
 */
final class FuzzCommand {

    static final String USAGE = "usage: ./p2gate fuzz [--count N (default 1000000)] [--seed S] [--corpus DIR-of-.hex-files]";

    private final PrintStream out;
    private final PrintStream err;

    FuzzCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        long count = 1_000_000;
        long seed = System.nanoTime();
        List<byte[]> seeds = new ArrayList<>(SeedTelegrams.generated());
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--count" -> count = Long.parseLong(value(args, ++i));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i));
                    case "--corpus" -> seeds.addAll(SeedTelegrams.fromFolder(Path.of(value(args, ++i))));
                    default -> throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
                }
            }
        } catch (IllegalArgumentException | IOException e) {
            err.println("p2gate fuzz: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        out.printf("fuzzing the message decoder: %,d inputs from %d seed telegrams, seed %d%n", count, seeds.size(), seed);
        // the same inputs through the strict decoder (the DSMR master's) and the lenient one (./p2gate decode)
        boolean breached = false;
        for (boolean lenient : new boolean[] {false, true}) {
            KeyLookup keys = KeyLookup.always(SeedTelegrams.KEY);
            MessageDecoder decoder = lenient ? MessageDecoder.lenient(keys) : new MessageDecoder(keys);
            breached |= !fuzz(new MessageFuzzer(seeds, decoder, seed), lenient ? "lenient" : "strict", count);
        }
        return breached ? 1 : 0;
    }

    /** One run; whether it met no contract breach. */
    private boolean fuzz(MessageFuzzer fuzzer, String decoder, long count) {
        long started = System.nanoTime();
        MessageFuzzer.Result result = fuzzer.run(count, Math.max(1, count / 10),
                done -> out.printf("  %,d done (%.0f%%)%n", done, 100.0 * done / count));
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("%s decoder: %,d inputs in %.1f s (%,.0f/s): %,d decoded, %,d rejected, %d contract breaches; "
                + "slowest %.2f ms%n", decoder, result.inputs(), seconds, result.inputs() / seconds, result.decoded(),
                result.rejected().values().stream().mapToLong(Long::longValue).sum(), result.failures().size(),
                result.slowestNanos() / 1e6);
        result.rejected().forEach((reason, n) -> out.printf("  %-18s %,d%n", reason, n));
        for (MessageFuzzer.Failure failure : result.failures()) {
            out.println("BREACH " + failure.thrown() + " on " + HexFormat.of().withUpperCase().formatHex(failure.input()));
        }
        return result.failures().isEmpty();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
