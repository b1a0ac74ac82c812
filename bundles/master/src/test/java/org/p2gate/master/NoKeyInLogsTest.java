package org.p2gate.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.p2gate.master.CommandResult.Outcome;
import org.p2gate.master.validation.RejectionReason;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.security.KeyWrap;
import org.p2gate.simulator.wired.DsmrMeter;

/** DESIGN.md "Security": keys never appear in logs or toString — the default key, the user key, nor the key_data. */
class NoKeyInLogsTest {

    @Test
    void noKeyByteAppearsInAnyLogLineOrToString() throws Exception {
        try (Bench b = new Bench()) {
            b.logEverything();
            byte[] keyData = KeyWrap.wrap(Bench.DEFAULT_KEY, Bench.USER_KEY);
            DsmrMeter meter = Bench.gas(23456789, 5).build();
            b.store.putKeys(Bench.CH1, new ChannelKeys(java.util.Optional.of(Bench.DEFAULT_KEY), java.util.Optional.empty()));
            b.bind(Bench.CH1, meter);
            List<Object> printed = new ArrayList<>();
            printed.add(b.await(b.master.read(Bench.CH1)));
            printed.add(b.await(b.master.transferKey(Bench.CH1, keyData, Bench.USER_KEY)));
            b.master.start();
            b.time.advance(Duration.ofHours(2));
            printed.add(b.await(b.master.readVersions(Bench.CH1)));
            printed.add(b.await(b.master.synchroniseClock(Bench.CH1)));
            meter.raiseStatus(DsmrMeter.STATUS_FRAUD);
            printed.add(b.await(b.master.read(Bench.CH1)));
            b.userKey(Bench.CH1, Bench.OTHER_KEY); // a wrong key: rejected, logged
            printed.add(b.await(b.master.read(Bench.CH1)));
            printed.add(b.store.keys(Bench.CH1));
            printed.add(b.store.channel(Bench.CH1));
            printed.add(b.master);
            printed.add(b.store.events(100));
            printed.add(b.store.hourlyValues(Bench.CH1, Bench.START, Bench.START.plus(Duration.ofDays(1))));

            assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, b.store.channel(Bench.CH1).keyStatus());
            assertEquals(Map.of(RejectionReason.DECRYPTION_FAILED, 1L), b.master.rejections(Bench.CH1));
            assertEquals(Outcome.REJECTED, ((CommandResult) printed.get(5)).outcome());

            List<String> forbidden = new ArrayList<>();
            for (byte[] secret : List.of(Bench.DEFAULT_KEY.exportBytes(), Bench.USER_KEY.exportBytes(),
                    Bench.OTHER_KEY.exportBytes(), keyData, reversed(keyData))) {
                forbidden.addAll(spellings(secret));
            }
            List<String> lines = new ArrayList<>(b.logLines());
            assertTrue(lines.size() > 15, "the scenario was logged: " + lines);
            assertTrue(lines.stream().anyMatch(l -> l.contains("rejected")), "including the rejection");
            assertTrue(lines.stream().anyMatch(l -> l.contains("transfer key done")), "and the key transfer");
            printed.forEach(p -> lines.add(String.valueOf(p)));
            for (String line : lines) {
                for (String f : forbidden) {
                    assertFalse(line.contains(f), "key material printed in: " + line);
                }
            }
        }
    }

    /** How a key could be printed: hex upper/lower, with or without spaces, Arrays.toString; 8-byte halves too. */
    private static List<String> spellings(byte[] secret) {
        List<String> out = new ArrayList<>();
        for (byte[] part : List.of(secret, Arrays.copyOfRange(secret, 0, 8), Arrays.copyOfRange(secret, 8, 16))) {
            out.add(HexFormat.of().formatHex(part));
            out.add(HexFormat.of().withUpperCase().formatHex(part));
            out.add(HexFormat.ofDelimiter(" ").formatHex(part));
            out.add(HexFormat.ofDelimiter(" ").withUpperCase().formatHex(part));
            out.add(Arrays.toString(part).replace("[", "").replace("]", ""));
        }
        return out;
    }

    private static byte[] reversed(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }

    @Test
    void keysPrintWithoutTheirBytes() {
        String keys = new ChannelKeys(java.util.Optional.of(Bench.DEFAULT_KEY), java.util.Optional.of(Bench.USER_KEY)).toString();
        for (AesKey key : List.of(Bench.DEFAULT_KEY, Bench.USER_KEY)) {
            for (String f : spellings(key.exportBytes())) {
                assertFalse(keys.contains(f), keys);
            }
        }
    }
}
