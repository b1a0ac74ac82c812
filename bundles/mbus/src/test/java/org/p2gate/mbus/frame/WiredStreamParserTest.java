package org.p2gate.mbus.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.Reason;

class WiredStreamParserTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** Records events as comparable strings. */
    private static final class Recorder implements WiredStreamParser.Listener {
        final List<String> events = new ArrayList<>();
        final List<WiredFrame> frames = new ArrayList<>();
        final List<DecodeException> errors = new ArrayList<>();
        int noise;

        @Override
        public void frame(WiredFrame frame) {
            frames.add(frame);
            events.add("frame " + HEX.formatHex(frame.encode()));
        }

        @Override
        public void noise(int count) {
            noise += count;
            events.add("noise " + count);
        }

        @Override
        public void invalid(DecodeException error) {
            errors.add(error);
            events.add("invalid " + error.reason() + "@" + error.offset());
        }
    }

    private static WiredFrame randomFrame(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> SingleCharacter.ACK;
            case 1 -> new ShortFrame(CField.of(random.nextInt(256)), random.nextInt(256));
            default -> {
                byte[] data = new byte[random.nextInt(LongFrame.MAX_DATA + 1)];
                random.nextBytes(data);
                yield new LongFrame(CField.of(random.nextInt(256)), random.nextInt(256), random.nextInt(256), data);
            }
        };
    }

    /** A noise byte that is no start byte (10h, 68h) and not E5h. */
    private static byte noiseByte(Random random) {
        while (true) {
            int b = random.nextInt(256);
            if (b != 0x10 && b != 0x68 && b != 0xE5) {
                return (byte) b;
            }
        }
    }

    private static void feedInRandomChunks(WiredStreamParser parser, byte[] stream, Random random) {
        int at = 0;
        while (at < stream.length) {
            int chunk = Math.min(stream.length - at, random.nextInt(40));
            parser.feed(stream, at, chunk);
            at += chunk;
        }
    }

    @Test
    void findsFramesSplitAcrossArbitraryChunkBoundariesAndAfterNoise() {
        Random random = new Random(8);
        for (int round = 0; round < 50; round++) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            List<WiredFrame> sent = new ArrayList<>();
            int noise = 0;
            for (int i = 0; i < 20; i++) {
                int n = random.nextInt(5);
                for (int k = 0; k < n; k++) {
                    stream.write(noiseByte(random));
                }
                noise += n;
                WiredFrame frame = randomFrame(random);
                sent.add(frame);
                stream.writeBytes(frame.encode());
            }
            Recorder recorder = new Recorder();
            WiredStreamParser parser = new WiredStreamParser(recorder);
            feedInRandomChunks(parser, stream.toByteArray(), random);
            assertEquals(sent, recorder.frames);
            assertEquals(noise, recorder.noise);
            assertTrue(recorder.errors.isEmpty());
            assertFalse(parser.isFrameInProgress());
        }
    }

    @Test
    void eventsDoNotDependOnHowTheBytesAreChunked() {
        Random random = new Random(16);
        for (int round = 0; round < 200; round++) {
            byte[] stream = new byte[random.nextInt(600)];
            random.nextBytes(stream);
            // sprinkle start bytes and real frames into the noise so that invalid frames occur
            for (int i = 0; i < stream.length / 20; i++) {
                stream[random.nextInt(stream.length)] = (byte) (random.nextBoolean() ? 0x68 : 0x10);
            }
            if (stream.length > 300) {
                byte[] good = randomFrame(random).encode();
                int at = random.nextInt(stream.length - good.length);
                System.arraycopy(good, 0, stream, at, good.length);
            }
            Recorder perByte = new Recorder();
            WiredStreamParser one = new WiredStreamParser(perByte);
            for (byte b : stream) {
                one.feed(b);
            }
            Recorder chunked = new Recorder();
            WiredStreamParser two = new WiredStreamParser(chunked);
            feedInRandomChunks(two, stream, random);
            assertEquals(perByte.events, chunked.events);
            assertEquals(one.pendingBytes(), two.pendingBytes());
            for (WiredFrame f : chunked.frames) {
                assertTrue(f.encodedLength() <= WiredFrame.MAX_LENGTH);
            }
            for (DecodeException e : chunked.errors) {
                assertTrue(e.offset() >= 0 && e.offset() < WiredFrame.MAX_LENGTH);
            }
        }
    }

    @Test
    void afterAnInvalidFrameAGoodFrameLaterInTheSameBufferIsStillFound() {
        Recorder recorder = new Recorder();
        WiredStreamParser parser = new WiredStreamParser(recorder);
        byte[] bytes = HEX.parseHex("68030368530150A516" + "105B015C16");
        parser.feed(bytes, 0, bytes.length);
        assertEquals("invalid BAD_CHECKSUM@7", recorder.events.get(0));
        assertEquals(List.of(new ShortFrame(CField.of(0x5B), 1)), recorder.frames);
        assertEquals("frame 105B015C16", recorder.events.get(recorder.events.size() - 1));
        assertFalse(parser.isFrameInProgress());
    }

    @Test
    void aFrameStartingInsideABadFramesBytesIsFound() {
        // 68 L L with L1 ≠ L2, and the real short frame starts at its third byte
        Recorder recorder = new Recorder();
        WiredStreamParser parser = new WiredStreamParser(recorder);
        byte[] bytes = HEX.parseHex("6805" + "1040014116");
        parser.feed(bytes, 0, bytes.length);
        assertEquals(List.of("invalid BAD_LENGTH@2", "noise 1", "frame 1040014116"), recorder.events);
    }

    @Test
    void missingStopByteAndBadHeaderAreReportedWithTheirReason() {
        Recorder recorder = new Recorder();
        WiredStreamParser parser = new WiredStreamParser(recorder);
        byte[] bytes = HEX.parseHex("1040014117" + "68030369");
        parser.feed(bytes, 0, bytes.length);
        assertEquals(Reason.NO_STOP, recorder.errors.get(0).reason());
        assertEquals(4, recorder.errors.get(0).offset());
        assertTrue(recorder.errors.stream().anyMatch(e -> e.reason() == Reason.NO_START && e.offset() == 3));
    }

    @Test
    void aLoneE5WithNoFrameInProgressIsTheAck() {
        Recorder recorder = new Recorder();
        WiredStreamParser parser = new WiredStreamParser(recorder);
        parser.feed((byte) 0x00);
        parser.feed((byte) 0xE5);
        assertEquals(List.of("noise 1", "frame E5"), recorder.events);
    }

    @Test
    void anE5InsideAFrameIsDataNotAnAck() {
        LongFrame frame = new LongFrame(CField.of(0x08), 1, 0x72, new byte[] {(byte) 0xE5, (byte) 0xE5});
        Recorder recorder = new Recorder();
        WiredStreamParser parser = new WiredStreamParser(recorder);
        byte[] bytes = frame.encode();
        parser.feed(bytes, 0, bytes.length);
        assertEquals(List.of(frame), recorder.frames);
    }

    @Test
    void pendingBytesShowAFrameInProgressAndResetDropsIt() {
        Recorder recorder = new Recorder();
        WiredStreamParser parser = new WiredStreamParser(recorder);
        assertFalse(parser.isFrameInProgress());
        byte[] frame = HEX.parseHex("68030368530150A416");
        parser.feed(frame, 0, 5);
        assertTrue(parser.isFrameInProgress());
        assertEquals(5, parser.pendingBytes());
        assertEquals(9, parser.expectedLength());
        assertEquals(5, parser.reset());
        assertFalse(parser.isFrameInProgress());
        assertEquals(0, parser.pendingBytes());
        assertEquals(-1, parser.expectedLength());
        // after the reset the rest of the old frame is noise, and a new frame is found
        parser.feed(frame, 5, 4);
        parser.feed(frame, 0, frame.length);
        assertEquals(1, recorder.frames.size());
        assertTrue(recorder.errors.isEmpty());
    }

    @Test
    void resetReturnsNoiseNotYetReported() {
        Recorder recorder = new Recorder();
        WiredStreamParser parser = new WiredStreamParser(recorder);
        parser.feed(new byte[] {1, 2, 3}, 0, 3);
        assertEquals(3, parser.reset());
        assertTrue(recorder.events.isEmpty());
    }

    @Test
    void aHugeLongFrameHeaderWaitsForAtMostOneMaximumFrame() {
        Recorder recorder = new Recorder();
        WiredStreamParser parser = new WiredStreamParser(recorder);
        byte[] header = HEX.parseHex("68FFFF68");
        parser.feed(header, 0, header.length);
        assertEquals(WiredFrame.MAX_LENGTH, parser.expectedLength());
        byte[] filler = new byte[WiredFrame.MAX_LENGTH - 4];
        parser.feed(filler, 0, filler.length);
        // complete after 261 bytes: zeros sum to the checksum 00h, but no stop byte; re-parsing the bytes
        // after the bad start finds 68h followed by L = 0 (BAD_LENGTH); nothing stays pending
        assertEquals(Reason.NO_STOP, recorder.errors.get(0).reason());
        assertEquals(WiredFrame.MAX_LENGTH - 1, recorder.errors.get(0).offset());
        assertTrue(parser.pendingBytes() < WiredFrame.MAX_LENGTH);
    }
}
