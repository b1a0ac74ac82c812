package org.p2gate.simulator.wired;

import java.time.Instant;
import java.util.List;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;

/**
 * A simulated DSMR meter as an operator names it, {@code KIND@ADDRESS} (gas, water, heat or
 * slave-e at primary address 0..250), and the meter it stands for.
 *
 * @param kind    gas, water, heat or slave-e
 * @param address the primary address, 0..250
 */
public record MeterSpec(String kind, int address) {

    /** The default key of the simulated meters: P2 4.2.2 Appendix B1.1's example default key. */
    public static final AesKey DEFAULT_KEY = AesKey.fromHex("00112233445566778899AABBCCDDEEFF");

    /**
     * Where the simulator component's registers start (their profiles' start values at this instant, then growing):
     * a fixed origin, so a restarted gateway reads on from where it was and each hour's value is above the last.
     */
    public static final Instant REGISTER_ORIGIN = Instant.parse("2026-01-01T00:00:00Z");

    /** The kinds, as written in a spec. */
    public static final List<String> KINDS = List.of("gas", "water", "heat", "slave-e");

    public MeterSpec {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("meter kinds are gas, water, heat and slave-e; got '" + kind + "'");
        }
        if (address < 0 || address > 250) {
            throw new IllegalArgumentException("a primary address is 0..250; got " + address);
        }
    }

    /** Reads {@code KIND@ADDRESS}, e.g. {@code gas@5}; the message of the exception says what is wrong. */
    public static MeterSpec parse(String text) {
        int at = text.indexOf('@');
        if (at < 1) {
            throw new IllegalArgumentException("a meter is KIND@ADDRESS, e.g. gas@5; got '" + text + "'");
        }
        int address;
        try {
            address = Integer.parseInt(text.substring(at + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a primary address is a number 0..250; got '" + text.substring(at + 1) + "'");
        }
        return new MeterSpec(text.substring(0, at), address);
    }

    /**
     * The meter: a DSMR 4.2.2 device of this kind (P2 §6.4.4–§6.4.7) at this address, manufacturer
     * NET, identification {@code serial}, registers starting at {@code start}, no user key yet.
     */
    public DsmrMeter build(Instant start, int serial, AesKey defaultKey) {
        return builder(start, serial, defaultKey).build();
    }

    /** The builder of {@link #build}, for a meter that starts in another state (e.g. with a user key). */
    public DsmrMeter.Builder builder(Instant start, int serial, AesKey defaultKey) {
        DeviceType type = switch (kind) {
            case "gas" -> DeviceType.GAS;
            case "water" -> DeviceType.WATER;
            case "heat" -> DeviceType.HEAT_COOLING;
            default -> DeviceType.ELECTRICITY;
        };
        ShortId id = ShortId.of(serial, ManufacturerCode.of("NET"), DsmrGasMeter.DSMR_VERSION, type);
        MeterProfile profile = switch (kind) {
            case "gas" -> MeterProfile.gasG4(Register.linear(start, 1_000, 250));
            case "water" -> MeterProfile.water(Register.linear(start, 52_000, 40));
            case "heat" -> MeterProfile.heat(Register.linear(start, 1_200, 3), Register.constant(40),
                    Register.linear(start, 2_000, 10));
            default -> MeterProfile.slaveElectricity(Register.linear(start, 3_141_274, 500));
        };
        return DsmrMeter.builder(profile, id).primaryAddress(address).defaultKey(defaultKey);
    }
}
