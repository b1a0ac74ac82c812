package org.p2gate.tools;

import java.io.PrintStream;
import java.util.Arrays;

/** {@code java -jar p2gate-tools.jar COMMAND …}: the tools behind {@code ./p2gate decode}, {@code fuzz}, {@code simulate} and {@code image}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: p2gate-tools decode|fuzz|simulate|image …");
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "decode" -> new DecodeCommand(out, err).run(rest);
            case "fuzz" -> new FuzzCommand(out, err).run(rest);
            case "simulate" -> new SimulateCommand(out, err).run(rest);
            case "image" -> new ImageCommand(out, err).run(rest);
            default -> {
                err.println("p2gate-tools: unknown command '" + args[0] + "' (decode, fuzz, simulate, image)");
                yield 2;
            }
        };
    }
}
