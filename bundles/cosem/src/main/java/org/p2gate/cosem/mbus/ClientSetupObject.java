package org.p2gate.cosem.mbus;

import gurux.dlms.ValueEventArgs;
import gurux.dlms.enums.AccessMode;
import gurux.dlms.enums.ErrorCode;
import gurux.dlms.enums.MethodAccessMode;
import gurux.dlms.objects.GXDLMSMBusClient;
import gurux.dlms.objects.GXDLMSObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.p2gate.cosem.ClientKind;
import org.p2gate.installation.Installation;
import org.p2gate.master.Binding;
import org.p2gate.master.Channel;
import org.p2gate.master.ChannelState;
import org.p2gate.master.CommandResult;
import org.p2gate.master.P2Master;
import org.p2gate.master.StatusAlarms;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.record.DataRecord;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.transport.DeviceType;
import org.p2gate.mbus.transport.ManufacturerCode;
import org.p2gate.mbus.transport.ShortId;

/**
 * M-Bus Client Setup 0-x:24.1.0.255 (class 72, version 1) of one channel: every attribute from the
 * master's channel state (P2 4.2.2 Appendix A), the binding writes of P2 §8.3.1.1 / §8.4.2.1, and the
 * eight methods as master operations. Gurux implements none of the methods server-side (BUILD-NOTES).
 */
final class ClientSetupObject implements CosemObject {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClientSetupObject.class);

    static final int PRIMARY_ADDRESS = 5;
    static final int IDENTIFICATION_NUMBER = 6;
    static final int MANUFACTURER_ID = 7;
    static final int VERSION = 8;
    static final int DEVICE_TYPE = 9;
    private static final int CAPTURE_DEFINITION = 3;
    private static final int ENCRYPTION_KEY_STATUS = 14;
    private static final long CAPTURE_PERIOD = 3600;

    private final P2Master master;
    /** The binding procedures (P2 §8.3.1.1, §8.3.1.2, §8.4.2.3) and the key methods that continue them. */
    private final Installation installation;
    private final Channel channel;
    private final GXDLMSMBusClient setup;
    /** The Short ID fields a head-end wrote to this free channel so far (P2 §8.4.2.3: all four register the device). */
    private final ShortIdWrites written = new ShortIdWrites();

    ClientSetupObject(P2Master master, Installation installation, Channel channel) {
        this.master = master;
        this.installation = installation;
        this.channel = channel;
        setup = new GXDLMSMBusClient(Obis.clientSetup(channel));
        setup.setVersion(1);
    }

    @Override
    public GXDLMSObject object() {
        return setup;
    }

    @Override
    public AccessMode access(ClientKind kind, int index) {
        if (kind == ClientKind.PUBLIC) {
            // the public client may identify the device, nothing more
            return CosemObject.readOnly(index == 1 || index >= PRIMARY_ADDRESS && index <= DEVICE_TYPE);
        }
        return index >= PRIMARY_ADDRESS && index <= DEVICE_TYPE ? AccessMode.READ_WRITE : AccessMode.READ;
    }

    @Override
    public MethodAccessMode methodAccess(ClientKind kind, int index) {
        return kind == ClientKind.MANAGEMENT && index >= 1 && index <= 8 ? MethodAccessMode.ACCESS : MethodAccessMode.NO_ACCESS;
    }

    /**
     * Every attribute but the logical name is answered here, encoded from the channel state of this read:
     * the shared Gurux object is never changed, so concurrent associations cannot see each other's
     * half-updated fields (and Gurux cannot encode a non-empty capture_definition, BUILD-NOTES).
     */
    @Override
    public void read(ValueEventArgs e) {
        if (e.getIndex() < 2 || e.getIndex() > ENCRYPTION_KEY_STATUS) {
            return; // logical name: Gurux's
        }
        ChannelState state = master.channel(channel);
        Optional<ShortId> id = state.device().or(() -> state.binding().orElse(null) instanceof Binding.Wireless w
                ? Optional.of(w.shortId()) : written.partial());
        Axdr out = new Axdr();
        switch (e.getIndex()) {
            case 2 -> out.octetString(Obis.bytes(Obis.MBUS_MASTER_PORT_SETUP));
            case CAPTURE_DEFINITION -> out.raw(CaptureDefinition.of(state.device().map(ShortId::deviceType)));
            case 4 -> out.doubleLongUnsigned(CAPTURE_PERIOD);
            case PRIMARY_ADDRESS -> out.unsigned(state.binding().orElse(null) instanceof Binding.Wired w ? w.primaryAddress() : 0);
            case IDENTIFICATION_NUMBER -> out.doubleLongUnsigned(id.map(s -> Integer.toUnsignedLong(s.identification())).orElse(0L));
            case MANUFACTURER_ID -> out.longUnsigned(id.map(s -> s.manufacturer().code()).orElse(0));
            case VERSION -> out.unsigned(id.map(ShortId::version).orElse(0));
            case DEVICE_TYPE -> out.unsigned(id.map(s -> s.deviceType().code()).orElse(0));
            case 10 -> out.unsigned(state.accessNumber());
            case 11 -> out.unsigned(state.status());
            case 12 -> out.unsigned(StatusAlarms.alarms(state.status()));
            case 13 -> out.longUnsigned(state.configurationMask().orElse(0));
            default -> out.enumeration(state.keyStatus().cosemValue()); // 14 encryption_key_status
        }
        ProfileObject.answer(e, out.bytes());
    }

    // ---- binding by attributes (P2 §8.3.1.1 wired: primary_address; §8.4.2.3 wireless: the Short ID)

    @Override
    public void write(ValueEventArgs e) {
        String what = "write " + Obis.clientSetup(channel) + " attribute " + e.getIndex();
        if (!(e.getValue() instanceof Number number)) {
            MethodResults.typeUnmatched(e, what, "a number is expected");
            return;
        }
        long value = number.longValue();
        ChannelState state = master.channel(channel);
        if (e.getIndex() == PRIMARY_ADDRESS) {
            writePrimaryAddress(e, what, state, value);
            return;
        }
        if (state.binding().orElse(null) instanceof Binding.Wired) {
            writeWiredShortId(e, what, state, value);
            return;
        }
        if (state.binding().isPresent()) {
            // a bound channel keeps its device: the same value is accepted (the head-end confirms), another is refused
            e.setHandled(true);
            if (!sameAsBound(state, e.getIndex(), value)) {
                MethodResults.refuse(e, what, ErrorCode.READ_WRITE_DENIED, "the channel is bound to another device;"
                        + " slave_deinstall it first");
            }
            return;
        }
        Optional<String> invalid = written.set(e.getIndex(), value);
        if (invalid.isPresent()) {
            MethodResults.typeUnmatched(e, what, invalid.get());
            return;
        }
        e.setHandled(true);
        Optional<ShortId> complete = written.complete();
        if (complete.isPresent() && !master.hasRadio()) {
            // P2 §8.3.1.1: without a radio the Short ID names a wired device: kept for the primary_address write
            LOG.info("P3 {}: Short ID {} kept for the primary_address write (no radio: a wired device)", what,
                    complete.get());
            return;
        }
        complete.ifPresent(shortId -> {
            written.clear();
            MethodResults.answer(e, "register " + shortId + " on " + channel,
                    installation.registerWireless(channel, shortId));
        });
    }

    private void writePrimaryAddress(ValueEventArgs e, String what, ChannelState state, long address) {
        if (address < 1 || address > 250) {
            MethodResults.typeUnmatched(e, what, "a bound wired device has primary address 1..250, got " + address);
            return;
        }
        Binding.Wired wired = new Binding.Wired((int) address);
        Optional<Binding> bound = state.binding();
        if (bound.equals(Optional.of(wired))) {
            e.setHandled(true); // already so
            return;
        }
        if (bound.isPresent() && !(bound.get() instanceof Binding.Wireless && state.device().isEmpty())) {
            MethodResults.refuse(e, what, ErrorCode.READ_WRITE_DENIED, channel + " is bound; slave_deinstall it first");
            return;
        }
        // a Short ID written before the primary address named a wired device, not a wireless one never heard
        // (P2 §8.3.1.1: "primary_address and Short ID attributes"): only that device is bound
        Optional<ShortId> named = bound.orElse(null) instanceof Binding.Wireless w ? Optional.of(w.shortId())
                : Optional.empty();
        CompletableFuture<CommandResult> unbound = bound.isPresent() ? master.unbind(channel)
                : CompletableFuture.completedFuture(null);
        MethodResults.answer(e, "bind " + channel + " to primary address " + address,
                unbound.thenCompose(ignored -> installation.bindWired(channel, wired.primaryAddress()))
                        .thenCompose(result -> {
                            // the Short ID written before, or meanwhile (write order does not matter)
                            Optional<ShortId> id = named.or(written::complete);
                            if (!result.done() || id.isEmpty()) {
                                return CompletableFuture.completedFuture(result);
                            }
                            written.clear();
                            return installation.expectWired(channel, id.get());
                        }));
    }

    /**
     * P2 §8.3.1.1: a Short ID attribute of a channel bound to a wired address. The four are collected; once complete,
     * a device read before is compared at once (another one: the write is refused and the channel freed), else the
     * device at the address is read and the channel freed if it is another one (logged; the write was answered).
     */
    private void writeWiredShortId(ValueEventArgs e, String what, ChannelState state, long value) {
        Optional<String> invalid = written.set(e.getIndex(), value);
        if (invalid.isPresent()) {
            MethodResults.typeUnmatched(e, what, invalid.get());
            return;
        }
        Optional<ShortId> complete = written.complete();
        if (complete.isEmpty()) {
            e.setHandled(true);
            return;
        }
        written.clear();
        ShortId named = complete.get();
        CompletableFuture<CommandResult> verified = installation.expectWired(channel, named);
        if (state.device().isPresent() && !state.device().get().equals(named)) {
            MethodResults.refuse(e, what, ErrorCode.READ_WRITE_DENIED, "the device at the channel's primary address is "
                    + state.device().get() + ", not " + named + "; the channel is freed");
            return;
        }
        MethodResults.answer(e, "bind " + channel + " to " + named, verified);
    }

    /** A Short ID attribute written to a channel bound to a wireless device: whether it is the device's. */
    private static boolean sameAsBound(ChannelState state, int index, long value) {
        Optional<ShortId> id = state.device().or(() -> state.binding().orElse(null) instanceof Binding.Wireless w
                ? Optional.of(w.shortId()) : Optional.empty());
        if (id.isEmpty()) {
            return false;
        }
        return switch (index) {
            case IDENTIFICATION_NUMBER -> Integer.toUnsignedLong(id.get().identification()) == value;
            case MANUFACTURER_ID -> id.get().manufacturer().code() == value;
            case VERSION -> id.get().version() == value;
            case DEVICE_TYPE -> id.get().deviceType().code() == value;
            default -> false;
        };
    }

    // ---- methods

    @Override
    public void action(ValueEventArgs e) {
        String what = Obis.clientSetup(channel) + " method " + e.getIndex();
        switch (e.getIndex()) {
            case 1 -> { // slave_install (P2 §8.3.1.2)
                if (master.channel(channel).binding().isPresent()) {
                    MethodResults.refuse(e, "slave_install on " + channel, ErrorCode.OTHER_REASON,
                            "the channel is bound already; slave_deinstall it first");
                } else {
                    written.clear();
                    MethodResults.answer(e, "slave_install on " + channel, installation.slaveInstall(channel));
                }
            }
            case 2 -> { // slave_deinstall
                written.clear();
                MethodResults.answer(e, "slave_deinstall on " + channel, installation.slaveDeinstall(channel));
            }
            case 3 -> onDevice(e, "capture", master::read);
            case 4 -> onDevice(e, "reset_alarm", master::clearStatus);
            case 5 -> onDevice(e, "synchronize_clock", master::synchroniseClock);
            case 6 -> dataSend(e, what);
            case 7 -> withKey(e, "set_encryption_key", bytes -> installation.setEncryptionKey(channel, AesKey.of(bytes)));
            case 8 -> withKey(e, "transfer_key", bytes -> installation.transferKey(channel, bytes));
            default -> MethodResults.refuse(e, what, ErrorCode.UNDEFINED_OBJECT, "class 72 has methods 1..8");
        }
    }

    private void onDevice(ValueEventArgs e, String method, Function<Channel, CompletableFuture<CommandResult>> operation) {
        if (master.channel(channel).binding().isEmpty()) {
            MethodResults.refuse(e, method + " on " + channel, ErrorCode.UNAVAILABLE_OBJECT, "no device is bound to the channel");
            return;
        }
        MethodResults.answer(e, method + " on " + channel, operation.apply(channel));
    }

    private void withKey(ValueEventArgs e, String method, Function<byte[], CompletableFuture<CommandResult>> operation) {
        String what = method + " on " + channel;
        if (!(e.getParameters() instanceof byte[] key) || key.length != AesKey.LENGTH) {
            MethodResults.typeUnmatched(e, what, "an octet-string of 16 bytes is expected");
            return;
        }
        if (master.channel(channel).binding().isEmpty()) {
            MethodResults.refuse(e, what, ErrorCode.UNAVAILABLE_OBJECT, "no device is bound to the channel");
            return;
        }
        MethodResults.answer(e, what, operation.apply(key));
    }

    /** data_send: array of {dib octet-string, vib octet-string, data} (Blue Book class 72 method 6) as M-Bus records. */
    private void dataSend(ValueEventArgs e, String what) {
        if (!(e.getParameters() instanceof List<?> elements) || elements.isEmpty()) {
            MethodResults.typeUnmatched(e, what, "an array of data_definition_element is expected");
            return;
        }
        List<DataRecord> records = new ArrayList<>();
        for (Object element : elements) {
            try {
                records.add(DataSendElement.toRecord(element));
            } catch (DecodeException | IllegalArgumentException ex) {
                MethodResults.typeUnmatched(e, what, ex.getMessage());
                return;
            }
        }
        onDevice(e, "data_send", c -> master.dataSend(c, records));
    }

    /** The Short ID fields written so far (the DLMS server's thread and the master's continuations). */
    private static final class ShortIdWrites {
        private final Long[] values = new Long[DEVICE_TYPE + 1];

        synchronized Optional<String> set(int index, long value) {
            long max = switch (index) {
                case IDENTIFICATION_NUMBER -> 0xFFFF_FFFFL;
                case MANUFACTURER_ID -> 0xFFFF;
                case VERSION, DEVICE_TYPE -> 0xFF;
                default -> -1;
            };
            if (value < 0 || value > max) {
                return Optional.of("attribute " + index + " is 0.." + max + ", got " + value);
            }
            values[index] = value;
            return Optional.empty();
        }

        synchronized Optional<ShortId> complete() {
            for (int i = IDENTIFICATION_NUMBER; i <= DEVICE_TYPE; i++) {
                if (values[i] == null) {
                    return Optional.empty();
                }
            }
            return partial();
        }

        /** What was written, unwritten fields 0 (for reads of a free channel). */
        synchronized Optional<ShortId> partial() {
            boolean any = false;
            for (int i = IDENTIFICATION_NUMBER; i <= DEVICE_TYPE; i++) {
                any |= values[i] != null;
            }
            if (!any) {
                return Optional.empty();
            }
            return Optional.of(new ShortId((int) get(IDENTIFICATION_NUMBER), new ManufacturerCode((int) get(MANUFACTURER_ID)),
                    (int) get(VERSION), DeviceType.of((int) get(DEVICE_TYPE))));
        }

        private long get(int index) {
            return values[index] == null ? 0 : values[index];
        }

        synchronized void clear() {
            java.util.Arrays.fill(values, null);
        }
    }
}
