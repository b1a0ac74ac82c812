package org.p2gate.simulator.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.frame.LinkFunction;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.frame.ShortFrame;
import org.p2gate.mbus.frame.WiredFrame;
import org.p2gate.mbus.message.KeyLookup;
import org.p2gate.mbus.message.Message;
import org.p2gate.mbus.message.MessageDecoder;
import org.p2gate.mbus.record.DataRecords;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.security.KeyWrap;
import org.p2gate.simulator.wired.DsmrMeter;
import org.p2gate.simulator.wired.MeterSpec;
import org.p2gate.simulator.wired.MeterState;

/**
 * A simulated meter keeps, across a restart of the gateway, what a real one keeps across a power loss: its user key
 * (P2 §6.5), its frame counter, which "is never reset" (§5.2), its access number (§4.2.4) and its address (§6.5.2).
 */
class MeterStateFileTest {

    private static final AesKey USER_KEY = AesKey.fromHex("000102030405060708090A0B0C0D0E0F");
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private static DsmrMeter.Builder gasAt5() {
        return new MeterSpec("gas", 5).builder(MeterSpec.REGISTER_ORIGIN, 31_000_001, MeterSpec.DEFAULT_KEY);
    }

    private static Message read(PersistentMeter meter, Instant at, AesKey key) throws DecodeException {
        byte[] answer = meter.answer(ShortFrame.of(LinkFunction.REQ_UD2, 5), at).orElseThrow();
        return new MessageDecoder(KeyLookup.always(key)).decode(answer);
    }

    @Test
    void aMeterKeyedBeforeARestartAnswersInMode15AfterItWithAHigherFrameCounter(@TempDir Path data) throws Exception {
        long counterBefore;
        {
            MeterStateFile file = MeterStateFile.open(data);
            PersistentMeter meter = new PersistentMeter(gasAt5().build(), file);
            // P2 §6.5.1: the key transfer, SND_UD CI 51h with the user key wrapped in the default key
            byte[] transfer = new LongFrame(LinkFunction.SND_UD.cField(), 5, 0x51,
                    DataRecords.encode(DsmrRecords.keyTransfer(KeyWrap.wrap(MeterSpec.DEFAULT_KEY, USER_KEY)))).encode();
            assertEquals(Optional.of(0xE5), meter.answer(WiredFrame.decode(transfer), T0)
                    .map(b -> b[0] & 0xFF), "the key transfer is acknowledged");
            Message keyed = read(meter, T0.plusSeconds(1), USER_KEY);
            assertEquals(15, keyed.security().mode());
            counterBefore = file.saved("31000001").orElseThrow().frameCounter();
        }

        // the gateway restarts: a new meter object from the same spec and the saved state
        MeterStateFile reopened = MeterStateFile.open(data);
        MeterState saved = reopened.saved("31000001").orElseThrow();
        assertEquals(USER_KEY, saved.userKey());
        PersistentMeter restarted = new PersistentMeter(gasAt5().restore(saved).build(), reopened);
        Message after = read(restarted, T0.plusSeconds(3600), USER_KEY);
        assertEquals(15, after.security().mode(), "still keyed: mode 15");
        assertTrue(reopened.saved("31000001").orElseThrow().frameCounter() > counterBefore,
                "P2 §5.2: the frame counter goes on from where it was");
    }

    @Test
    void theFileIsOwnerOnlyAndNoToStringShowsTheKey(@TempDir Path data) throws Exception {
        MeterStateFile file = MeterStateFile.open(data);
        MeterState state = new MeterState(5, USER_KEY, 17, 42);
        file.save("31000001", state);

        Path onDisk = data.resolve(MeterStateFile.FILE_NAME);
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(onDisk));
        assertFalse(state.toString().contains("0102030405"), state.toString());
        assertFalse(file.toString().contains("0102030405"), file.toString());
        assertTrue(file.text().contains("31000001=5," + HexFormat.of().withUpperCase().formatHex(USER_KEY.exportBytes())
                + ",17,42"), "the line for the meter");
        assertFalse(Files.exists(data.resolve(MeterStateFile.FILE_NAME + ".tmp")), "replaced by rename");
    }

    @Test
    void aDamagedLineStartsThatMeterAsNewAndKeepsTheOthers(@TempDir Path data) throws Exception {
        MeterStateFile file = MeterStateFile.open(data);
        file.save("31000001", new MeterState(5, USER_KEY, 1, 100));
        file.save("31000002", new MeterState(6, AesKey.ZERO, 2, 200));
        Path onDisk = data.resolve(MeterStateFile.FILE_NAME);
        Files.writeString(onDisk, Files.readString(onDisk).replace("31000001=5,", "31000001=5,XYZ"));

        MeterStateFile reopened = MeterStateFile.open(data);
        assertEquals(Optional.empty(), reopened.saved("31000001"));
        assertEquals(Optional.of(new MeterState(6, AesKey.ZERO, 2, 200)), reopened.saved("31000002"));
    }
}
