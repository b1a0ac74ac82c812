package org.p2gate.simulator.wired;

import java.util.ArrayList;
import java.util.List;

/**
 * What the master's UART receives when several devices send at once (EN 13757-2 physical layer).
 *
 * <p>The model: a slave signals a mark (logic 1, also the idle line) with its quiescent current and a
 * space (logic 0) by drawing an extra 11..20 mA. Currents of slaves sending together add up, so the
 * master's receiver sees a space whenever <em>any</em> slave sends one: the line is the bitwise
 * AND of the senders' bit streams ("space wins"; a wired-AND — in the inverted, current-based view
 * it is an OR of the space currents). Each stream is laid out bit by bit in 8E1 (start 0, data
 * LSB first, even parity, stop 1) from its own start time, rounded to whole bit times; the line is
 * then read back as a UART does: a 0 after idle starts a byte, the next 8 bits are its data, the
 * parity and stop bits are passed over (a real UART would flag parity and framing errors, which a
 * byte-only transport cannot carry), and the byte is delivered at the end of its stop bit.
 *
 * <p>Two identical, aligned streams (two devices answering E5h at the same moment) give exactly that
 * stream; anything else is garbled, and the FT1.2 checksum normally shows it.
 */
final class CollisionLine {

    /** One sender: its bytes, and when its first start bit begins (nanoseconds, scheduler time). */
    record Stream(byte[] bytes, long startNanos) {}

    /** One received byte and when the master has it (end of the stop bit). */
    record Received(int value, long atNanos) {}

    private CollisionLine() {}

    static List<Received> receive(List<Stream> streams, WireTiming timing) {
        long origin = Long.MAX_VALUE;
        for (Stream s : streams) {
            origin = Math.min(origin, s.startNanos());
        }
        int[] offsets = new int[streams.size()];
        int total = 0;
        for (int k = 0; k < streams.size(); k++) {
            Stream s = streams.get(k);
            // to the nearest whole bit time
            offsets[k] = (int) (((s.startNanos() - origin) * timing.baud() + 500_000_000L) / 1_000_000_000L);
            total = Math.max(total, offsets[k] + s.bytes().length * WireTiming.BITS_PER_BYTE);
        }
        boolean[] line = new boolean[total + WireTiming.BITS_PER_BYTE];
        java.util.Arrays.fill(line, true); // idle: mark
        for (int k = 0; k < streams.size(); k++) {
            byte[] bytes = streams.get(k).bytes();
            for (int j = 0; j < bytes.length; j++) {
                int at = offsets[k] + j * WireTiming.BITS_PER_BYTE;
                int value = bytes[j] & 0xFF;
                line[at] = false; // start bit: a space always wins
                for (int bit = 0; bit < 8; bit++) {
                    line[at + 1 + bit] &= ((value >> bit) & 1) == 1;
                }
                line[at + 9] &= Integer.bitCount(value) % 2 == 1; // even parity: the parity bit makes the 1s even
                // the stop bit is a mark: it never pulls the line down
            }
        }
        List<Received> out = new ArrayList<>();
        int i = 0;
        while (i < total) {
            if (line[i]) {
                i++;
                continue;
            }
            int value = 0;
            for (int bit = 0; bit < 8; bit++) {
                if (line[i + 1 + bit]) {
                    value |= 1 << bit;
                }
            }
            out.add(new Received(value, origin + timing.bitsToNanos(i + WireTiming.BITS_PER_BYTE)));
            i += WireTiming.BITS_PER_BYTE;
        }
        return out;
    }
}
