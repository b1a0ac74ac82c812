package org.p2gate.tools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongConsumer;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.frame.WiredFrame;
import org.p2gate.mbus.frame.WirelessFrame;
import org.p2gate.mbus.frame.WirelessFrameFormat;
import org.p2gate.mbus.message.Message;
import org.p2gate.mbus.message.MessageDecoder;
import org.p2gate.mbus.record.DataRecord;

/**
 * Feeds the message decoder random and mutated telegrams (bit flips, truncations, extensions,
 * length-field lies, random bytes) and records what came out. The decoder's contract: a message
 * or a {@link DecodeException}, nothing else, and it always returns.
 */
final class MessageFuzzer {

    /** One input for which the decoder broke its contract. */
    record Failure(byte[] input, Throwable thrown) {}

    /**
     * @param inputs   telegrams decoded
     * @param decoded  of which decoded to a message
     * @param rejected rejections by reason
     * @param failures contract breaches (at most the first 20)
     * @param slowestNanos the longest single decode
     */
    record Result(long inputs, long decoded, Map<Reason, Long> rejected, List<Failure> failures, long slowestNanos) {}

    private static final int MAX_FAILURES = 20;

    private final List<byte[]> seeds;
    private final MessageDecoder decoder;
    private final Random random;

    MessageFuzzer(List<byte[]> seeds, MessageDecoder decoder, long seed) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("the fuzzer needs at least one seed telegram");
        }
        this.seeds = List.copyOf(seeds);
        this.decoder = decoder;
        this.random = new Random(seed);
    }

    Result run(long count, long progressEvery, LongConsumer progress) {
        Map<Reason, Long> rejected = new EnumMap<>(Reason.class);
        List<Failure> failures = new ArrayList<>();
        long decoded = 0;
        long slowest = 0;
        for (long i = 0; i < count; i++) {
            byte[] input = next();
            long start = System.nanoTime();
            try {
                Message message = decoder.decode(input);
                // values are made on first access: every one is taken, so their making is fuzzed too
                for (DataRecord record : message.records()) {
                    record.value();
                    record.scaledValue();
                    record.toString();
                }
                decoded++;
            } catch (DecodeException e) {
                rejected.merge(e.reason(), 1L, Long::sum);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                if (failures.size() < MAX_FAILURES) {
                    failures.add(new Failure(input, e));
                }
            }
            slowest = Math.max(slowest, System.nanoTime() - start);
            if (progressEvery > 0 && (i + 1) % progressEvery == 0) {
                progress.accept(i + 1);
            }
        }
        return new Result(count, decoded, rejected, failures, slowest);
    }

    /**
     * A seed as it is (sometimes), or mutated once or a few times: half of the time inside its frame,
     * which is then framed again (right L, checksum, CRCs) so the mutation reaches the transport,
     * security and record layers instead of failing the frame check.
     */
    byte[] next() {
        byte[] seed = seeds.get(random.nextInt(seeds.size()));
        if (random.nextBoolean()) {
            byte[] reframed = mutateInsideFrame(seed);
            if (reframed != null) {
                return reframed;
            }
        }
        return mutateSome(seed.clone());
    }

    private byte[] mutateSome(byte[] input) {
        int mutations = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            input = mutate(input);
        }
        return input;
    }

    /** The seed's frame with its payload mutated and framed again; null if the seed is no long or wireless frame. */
    private byte[] mutateInsideFrame(byte[] seed) {
        try {
            if (seed.length > 0 && (seed[0] & 0xFF) == WiredFrame.LONG_START) {
                LongFrame frame = (LongFrame) WiredFrame.decode(seed);
                byte[] data = mutateSome(frame.data());
                return new LongFrame(frame.c(), frame.address(), frame.ci(),
                        Arrays.copyOf(data, Math.min(data.length, LongFrame.MAX_DATA))).encode();
            }
            WirelessFrameFormat format = random.nextBoolean() ? WirelessFrameFormat.A : WirelessFrameFormat.B;
            WirelessFrame frame = WirelessFrame.decode(seed, 0, seed.length, format);
            byte[] linkData = mutateSome(frame.linkData());
            if (linkData.length == 0) {
                return null;
            }
            return new WirelessFrame(frame.c(), frame.address(),
                    Arrays.copyOf(linkData, Math.min(linkData.length, WirelessFrame.MAX_LINK_DATA))).encode(format);
        } catch (DecodeException | ClassCastException | IllegalArgumentException e) {
            return null; // not a frame of that kind, or the mutant no longer fits one: mutate the bytes instead
        }
    }

    private byte[] mutate(byte[] input) {
        switch (random.nextInt(7)) {
            case 0 -> { // flip bits
                if (input.length > 0) {
                    for (int n = 1 + random.nextInt(4); n > 0; n--) {
                        input[random.nextInt(input.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                return input;
            }
            case 1 -> { // truncate
                return java.util.Arrays.copyOf(input, input.length == 0 ? 0 : random.nextInt(input.length));
            }
            case 2 -> { // extend with random bytes
                byte[] longer = java.util.Arrays.copyOf(input, input.length + 1 + random.nextInt(32));
                for (int i = input.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt(256);
                }
                return longer;
            }
            case 3 -> { // lie in a length field: wired L bytes 1 and 2, wireless L byte 0, an LVAR
                if (input.length > 2) {
                    int at = random.nextBoolean() ? random.nextInt(3) : random.nextInt(input.length);
                    input[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : 0xFF);
                }
                return input;
            }
            case 4 -> { // random bytes entirely, starting as a frame would
                byte[] noise = new byte[random.nextInt(300)];
                random.nextBytes(noise);
                if (noise.length > 0 && random.nextBoolean()) {
                    noise[0] = (byte) (random.nextBoolean() ? 0x68 : 0x10);
                }
                return noise;
            }
            case 5 -> { // set a byte to a value that means something to a decoder
                if (input.length > 0) {
                    int[] special = {0x00, 0x0F, 0x1F, 0x2F, 0x7F, 0x80, 0xFD, 0xFB, 0x7C, 0xFC, 0xFF, 0x0D, 0x8D, 0x90};
                    input[random.nextInt(input.length)] = (byte) special[random.nextInt(special.length)];
                }
                return input;
            }
            default -> { // duplicate a slice
                if (input.length < 2) {
                    return input;
                }
                int from = random.nextInt(input.length);
                int length = 1 + random.nextInt(Math.min(40, input.length - from));
                byte[] longer = new byte[input.length + length];
                System.arraycopy(input, 0, longer, 0, from + length);
                System.arraycopy(input, from, longer, from + length, input.length - from);
                return longer;
            }
        }
    }
}
