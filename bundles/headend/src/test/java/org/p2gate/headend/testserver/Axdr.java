package org.p2gate.headend.testserver;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The test server's own A-XDR encoder (DLMS Green Book 9.5, Blue Book 4.1.5 data types): the
 * simulated other side of the wire encodes every answer itself, independent of Gurux's object classes.
 */
public final class Axdr {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public static Axdr of() {
        return new Axdr();
    }

    public Axdr array(int n) {
        out.write(0x01);
        length(n);
        return this;
    }

    public Axdr structure(int n) {
        out.write(0x02);
        length(n);
        return this;
    }

    public Axdr doubleLongUnsigned(long v) {
        out.write(0x06);
        return be(v, 4);
    }

    public Axdr octetString(byte[] v) {
        out.write(0x09);
        length(v.length);
        out.writeBytes(v);
        return this;
    }

    public Axdr integer(int v) {
        out.write(0x0F);
        return be(v, 1);
    }

    public Axdr longSigned(int v) {
        out.write(0x10);
        return be(v, 2);
    }

    public Axdr unsigned(int v) {
        out.write(0x11);
        return be(v, 1);
    }

    public Axdr longUnsigned(int v) {
        out.write(0x12);
        return be(v, 2);
    }

    public Axdr enumerated(int v) {
        out.write(0x16);
        return be(v, 1);
    }

    public Axdr dateTime(Instant t) {
        return octetString(dateTimeBytes(t));
    }

    public Axdr raw(byte[] encoded) {
        out.writeBytes(encoded);
        return this;
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    /** COSEM date-time of an instant, UTC, deviation 0. */
    public static byte[] dateTimeBytes(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        return new byte[] {(byte) (t.getYear() >> 8), (byte) t.getYear(), (byte) t.getMonthValue(),
            (byte) t.getDayOfMonth(), (byte) t.getDayOfWeek().getValue(), (byte) t.getHour(), (byte) t.getMinute(),
            (byte) t.getSecond(), 0, 0, 0, 0};
    }

    /** The instant of a COSEM date-time, if its deviation is 0 (else null). */
    public static Instant decodeUtc(byte[] b) {
        int deviation = (b[9] & 0xFF) << 8 | (b[10] & 0xFF);
        if (deviation != 0) {
            return null;
        }
        return LocalDateTime.of((b[0] & 0xFF) << 8 | (b[1] & 0xFF), b[2], b[3], b[5], b[6], b[7])
                .toInstant(ZoneOffset.UTC);
    }

    private Axdr be(long v, int n) {
        for (int i = n - 1; i >= 0; i--) {
            out.write((int) (v >> (8 * i)));
        }
        return this;
    }

    private void length(int n) {
        if (n < 0x80) {
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        }
    }
}
