package org.p2gate.mbus.wireless;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.p2gate.clock.Scheduler;
import org.p2gate.mbus.wireless.hci.StreamFramer;

/**
 * What a dongle's transport delivers, re-posted to the radio's scheduler: bytes cut into frames by the radio's
 * framer, failures; both only while the radio's generation is {@code gen} (a reopened radio ignores the old port).
 *
 * @param <F> the dongle's frame type
 */
final class DongleBytes<F> implements HciTransport.Receiver {

    private final Scheduler scheduler;
    private final StreamFramer<F> framer;
    private final IntSupplier generation;
    private final Consumer<F> frames;
    private final Consumer<IOException> failures;
    private final int gen;

    /**
     * @param generation the radio's current generation
     * @param frames     what the radio does with a frame
     * @param failures   what the radio does when the port fails
     * @param gen        the generation this port was opened in
     */
    DongleBytes(Scheduler scheduler, StreamFramer<F> framer, IntSupplier generation, Consumer<F> frames,
            Consumer<IOException> failures, int gen) {
        this.scheduler = scheduler;
        this.framer = framer;
        this.generation = generation;
        this.frames = frames;
        this.failures = failures;
        this.gen = gen;
    }

    @Override
    public void received(byte[] bytes, int offset, int length) {
        byte[] copy = Arrays.copyOfRange(bytes, offset, offset + length);
        scheduler.execute(() -> {
            for (F f : framer.feed(copy, 0, copy.length)) {
                if (gen == generation.getAsInt()) {
                    frames.accept(f);
                }
            }
        });
    }

    @Override
    public void failed(IOException cause) {
        scheduler.execute(() -> {
            if (gen == generation.getAsInt()) {
                failures.accept(cause);
            }
        });
    }

}
