package org.p2gate.headend.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.p2gate.headend.ClientRole;
import org.p2gate.headend.DeviceIdentity;
import org.p2gate.headend.HeadEndClient;
import org.p2gate.headend.HeadEndException;
import org.p2gate.headend.HeadEndSettings;
import org.p2gate.headend.ImageUpdate;
import org.p2gate.headend.MethodResult;
import org.p2gate.headend.ProfileRow;
import org.p2gate.headend.SecurityKeys;
import org.p2gate.mbus.transport.ShortId;
import org.p2gate.headend.cli.Reports.Outcome;
import org.p2gate.mbus.security.AesKey;

/**
 * {@code ./p2gate headend COMMAND [options]}: a P3 head-end on the command line. Exit codes: 0 done,
 * 1 the gateway refused or failed the operation, 2 usage error, 3 connection or authentication error.
 */
public final class Main {

    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int CONNECTION = 3;

    /** Gurux logs through java.util.logging (keys at FINEST): silenced in the CLI, which reports itself. */
    private static final java.util.logging.Logger GURUX_LOG = java.util.logging.Logger.getLogger("gurux");

    static final String USAGE_TEXT = """
            usage: ./p2gate headend COMMAND [options]

            commands:
              read [--channel N]                  M-Bus Client Setup (all attributes), value with scaler/unit and
                                                  capture time, equipment identifier; all channels or one
              profile --channel N (--from ISO --to ISO | --entries FROM..TO)
                                                  the hourly profile by time range or by entry (1-based, TO 0 = last)
              events                              the M-Bus event log
              install --channel N                 slave_install
              deinstall --channel N               slave_deinstall
              bind --channel N (--primary-address A | --short-id ID,MAN,VER,TYPE)
                                                  write primary_address (wired) or the Short ID (wireless)
              transfer-key --channel N [--user-key-file F] [--default-key-file F]
                                                  key_data = AES-128-ECB(default key, user key); transfer_key, then
                                                  set_encryption_key
              set-clock --channel N               synchronize_clock
              reset-alarm --channel N             reset_alarm
              capture --channel N [--wait S]      capture: read the device now; then watch the channel up to S
                                                  seconds (default 15, 0: don't) and say what became of the read
              update --image FILE [--identifier ID]
                                                  firmware update through the Image Transfer object 0-0:44.0.0.255:
                                                  the signed image (a .dp with its signature trailer) in blocks,
                                                  verify, activate; progress on stderr

            options:
              --host HOST            the gateway (default localhost)
              --port PORT            its DLMS wrapper port (default 4059)
              --client public|management
                                     public: SAP 16, no security; management: SAP 1, HLS 5 GMAC, encrypted
                                     (default: management when keys are given, else public)
              --keys FILE            Java properties: authentication.key, block.cipher.key (32 hex digits each),
                                     client.system.title (16 hex digits)
              --timeout SECONDS      per answer (default 10)
              --json                 JSON on stdout for scripts
            keys are never taken on the command line; besides the files, the environment may hold them:
              P2GATE_P3_AK, P2GATE_P3_EK, P2GATE_P3_SYSTEM_TITLE, P2GATE_USER_KEY, P2GATE_DEFAULT_KEY
            exit codes: 0 done, 1 refused or failed by the gateway, 2 usage error, 3 connection or authentication error
            """;

    private Main() {}

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "org/p2gate/headend/cli/logback-cli.xml");
        }
        GURUX_LOG.setLevel(Level.OFF);
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** The command line without the JVM's exit: the exit code; for embedding and tests. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        CliArguments arguments;
        try {
            arguments = CliArguments.parse(args);
        } catch (UsageException e) {
            err.println("p2gate headend: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        if (arguments.help) {
            out.print(USAGE_TEXT);
            return OK;
        }
        try {
            Outcome outcome = execute(arguments, env);
            out.print(arguments.json ? Json.write(outcome.json()) + System.lineSeparator() : outcome.text());
            return outcome.success() ? OK : REFUSED;
        } catch (UsageException e) {
            err.println("p2gate headend " + arguments.command + ": " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        } catch (IllegalArgumentException e) {
            err.println("p2gate headend " + arguments.command + ": " + e.getMessage());
            return USAGE;
        } catch (HeadEndException e) {
            err.println("p2gate headend " + arguments.command + ": " + e.getMessage());
            if (arguments.json) {
                out.println(Json.write(Map.of("error", Reports.map("kind", e.kind().name(), "message", e.getMessage()))));
            }
            return e.kind().connectionLevel() ? CONNECTION : REFUSED;
        }
    }

    private static Outcome execute(CliArguments a, Map<String, String> env) throws UsageException, HeadEndException {
        checkOptions(a);
        Optional<SecurityKeys> keys = KeyMaterial.securityKeys(a.path("--keys"), env);
        ClientRole role = a.client().orElse(keys.isPresent() ? ClientRole.MANAGEMENT : ClientRole.PUBLIC);
        if (role == ClientRole.MANAGEMENT && keys.isEmpty()) {
            throw new UsageException("the management client needs keys: --keys FILE, or " + KeyMaterial.ENV_AUTHENTICATION_KEY
                    + ", " + KeyMaterial.ENV_BLOCK_CIPHER_KEY + " and " + KeyMaterial.ENV_SYSTEM_TITLE);
        }
        HeadEndSettings settings = new HeadEndSettings(a.host(), a.port(), role, HeadEndSettings.DEFAULT_SERVER_ADDRESS,
                role == ClientRole.MANAGEMENT ? keys : Optional.empty(), a.timeout());
        // everything a command needs from files is read before connecting
        Command command = prepare(a, env);
        try (HeadEndClient client = HeadEndClient.connect(settings)) {
            return command.run(client);
        }
    }

    @FunctionalInterface
    private interface Command {
        Outcome run(HeadEndClient client) throws HeadEndException;
    }

    private static void checkOptions(CliArguments a) throws UsageException {
        switch (a.command) {
            case "read" -> a.allowOnly("--channel");
            case "profile" -> a.allowOnly("--channel", "--from", "--to", "--entries");
            case "events" -> a.allowOnly();
            case "bind" -> a.allowOnly("--channel", "--primary-address", "--short-id");
            case "transfer-key" -> a.allowOnly("--channel", "--user-key-file", "--default-key-file");
            case "update" -> a.allowOnly("--image", "--identifier");
            case "capture" -> a.allowOnly("--channel", "--wait");
            default -> a.allowOnly("--channel");
        }
    }

    private static Command prepare(CliArguments a, Map<String, String> env) throws UsageException {
        return switch (a.command) {
            case "read" -> read(a);
            case "profile" -> profile(a);
            case "events" -> Main::events;
            case "install" -> method(a.requiredChannel(), HeadEndClient::slaveInstall);
            case "deinstall" -> method(a.requiredChannel(), HeadEndClient::slaveDeinstall);
            case "set-clock" -> method(a.requiredChannel(), HeadEndClient::synchronizeClock);
            case "reset-alarm" -> method(a.requiredChannel(), HeadEndClient::resetAlarm);
            // the head-end CLI runs outside the gateway, in real time: its one pause between looks at the channel
            case "capture" -> new CaptureCommand(a.requiredChannel(), CaptureCommand.waitOption(a),
                    d -> Thread.sleep(d.toMillis()))::run;
            case "bind" -> bind(a);
            case "transfer-key" -> transferKey(a, env);
            case "update" -> update(a);
            default -> throw new UsageException("unknown command " + a.command);
        };
    }

    /** Blue Book 4.4.6 through ImageUpdate: initiate, blocks, verify, activate; the status it ended in. */
    private static Command update(CliArguments a) throws UsageException {
        java.nio.file.Path file = java.nio.file.Path.of(a.option("--image").orElseThrow(
                () -> new UsageException("update needs --image FILE (the signed image: a .dp with its signature trailer)")));
        byte[] image;
        try {
            image = java.nio.file.Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new UsageException("cannot read the image " + file + ": " + e.getMessage());
        }
        String identifier = a.option("--identifier").orElse(file.getFileName().toString());
        return client -> {
            long blockSize = client.imageBlockSize();
            long blocks = blockSize <= 0 ? 0 : (image.length + blockSize - 1) / blockSize;
            ImageUpdate.Outcome outcome = ImageUpdate.send(client, identifier.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    image, sent -> {
                        if (sent == blocks || sent % 64 == 0) {
                            System.err.printf("update: %d of %d blocks sent%n", sent, blocks);
                        }
                    });
            String status = ImageStatusText.of(outcome.status());
            Map<String, Object> json = Reports.map("image", file.toString(), "bytes", image.length, "blocks", blocks,
                    "status", outcome.status(), "statusText", status, "refusedStep", outcome.refusedStep().orElse(""));
            String text = outcome.activationInitiated()
                    ? String.format("update: %s (%d bytes, %d blocks) verified; activation: %s%n", file, image.length, blocks, status)
                    : String.format("update: %s refused at %s: %s%n", file, outcome.refusedStep().orElseThrow(), status);
            return new Outcome(json, text, outcome.activationInitiated());
        };
    }

    private static Command read(CliArguments a) throws UsageException {
        List<Integer> channels = a.channel().isPresent() ? List.of(a.channel().getAsInt()) : List.of(1, 2, 3, 4);
        return client -> {
            List<Object> json = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (int channel : channels) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("channel", channel);
                text.append("channel ").append(channel).append(System.lineSeparator());
                try {
                    if (client.settings().role() == ClientRole.PUBLIC) {
                        // the public client reads the device's identity only (its object list allows no more)
                        DeviceIdentity id = client.identity(channel);
                        entry.put("identity", Reports.map("primaryAddress", id.primaryAddress(), "serialNumber",
                                id.serialNumber(), "manufacturer", id.manufacturer(), "version", id.version(),
                                "deviceType", id.deviceType(), "equipmentIdentifier", id.equipmentIdentifier()));
                        text.append(String.format("  device %s %s, version %d, device type %d, primary address %d, "
                                + "equipment identifier %s%n  (public client: use --keys for the management client's full read)%n",
                                id.manufacturer(), id.serialNumber(), id.version(), id.deviceType(), id.primaryAddress(),
                                id.equipmentIdentifier().isEmpty() ? "not read yet" : id.equipmentIdentifier()));
                        json.add(entry);
                        continue;
                    }
                    var setup = client.channelSetup(channel);
                    var value = client.value(channel);
                    String identifier = client.equipmentIdentifier(channel);
                    entry.put("equipmentIdentifier", identifier);
                    entry.put("setup", Reports.setup(setup));
                    entry.put("value", Reports.value(value));
                    text.append("  equipment identifier ").append(identifier).append(System.lineSeparator())
                            .append(Reports.setupText(setup)).append(Reports.valueText(value));
                } catch (HeadEndException e) {
                    // reading all channels, a channel the gateway does not have is reported and skipped
                    if (channels.size() == 1 || e.kind() != HeadEndException.Kind.OBJECT_MISSING) {
                        throw e;
                    }
                    entry.put("error", Reports.map("kind", e.kind().name(), "message", e.getMessage()));
                    text.append("  not available: ").append(e.getMessage()).append(System.lineSeparator());
                }
                json.add(entry);
            }
            return new Outcome(Reports.map("channels", json), text.toString(), true);
        };
    }

    private static Command profile(CliArguments a) throws UsageException {
        int channel = a.requiredChannel();
        Optional<String> entries = a.option("--entries");
        boolean range = a.option("--from").isPresent() || a.option("--to").isPresent();
        if (entries.isPresent() == range) {
            throw new UsageException("profile needs either --from ISO --to ISO or --entries FROM..TO");
        }
        Command read;
        if (range) {
            if (a.option("--from").isEmpty() || a.option("--to").isEmpty()) {
                throw new UsageException("a range needs both --from and --to");
            }
            var from = a.instant("--from");
            var to = a.instant("--to");
            read = client -> rows(channel, client.profile(channel, from, to));
        } else {
            String[] parts = entries.get().split("\\.\\.", -1);
            long first;
            long last;
            try {
                first = Long.parseLong(parts[0]);
                last = parts.length == 2 ? Long.parseLong(parts[1]) : -1;
            } catch (NumberFormatException e) {
                last = -1;
                first = -1;
            }
            if (parts.length != 2 || first < 1 || last < 0 || (last != 0 && last < first)) {
                throw new UsageException("--entries is FROM..TO with 1 <= FROM <= TO, TO 0 = the last entry, got '"
                        + entries.get() + "'");
            }
            long f = first;
            long l = last;
            read = client -> rows(channel, client.profileEntries(channel, f, l));
        }
        return read;
    }

    private static Outcome rows(int channel, List<ProfileRow> rows) {
        List<Object> json = new ArrayList<>();
        StringBuilder text = new StringBuilder(String.format("channel %d profile 0-%d:24.3.0.255: %d entries%n",
                channel, channel, rows.size()));
        for (ProfileRow row : rows) {
            json.add(Reports.row(row));
            text.append(Reports.rowText(row));
        }
        return new Outcome(Reports.map("channel", channel, "rows", json), text.toString(), true);
    }

    private static Outcome events(HeadEndClient client) throws HeadEndException {
        var events = client.events();
        List<Object> json = new ArrayList<>();
        StringBuilder text = new StringBuilder(String.format("M-Bus event log 0-0:99.98.3.255: %d events%n",
                events.size()));
        events.forEach(e -> {
            json.add(Reports.event(e));
            text.append(Reports.eventText(e));
        });
        return new Outcome(Reports.map("events", json), text.toString(), true);
    }

    @FunctionalInterface
    private interface ChannelMethod {
        MethodResult invoke(HeadEndClient client, int channel) throws HeadEndException;
    }

    private static Command method(int channel, ChannelMethod method) {
        return client -> {
            MethodResult result = method.invoke(client, channel);
            return new Outcome(Reports.method(channel, result), Reports.methodText(channel, result), result.success());
        };
    }

    private static Command bind(CliArguments a) throws UsageException {
        int channel = a.requiredChannel();
        Optional<String> address = a.option("--primary-address");
        Optional<String> shortId = a.option("--short-id");
        if (address.isPresent() == shortId.isPresent()) {
            throw new UsageException("bind needs either --primary-address A (wired) or --short-id ID,MAN,VER,TYPE"
                    + " (wireless)");
        }
        if (address.isPresent()) {
            int primary = a.number("--primary-address", 0, 1, 250);
            return client -> {
                client.bindPrimaryAddress(channel, primary);
                return new Outcome(Reports.map("channel", channel, "success", true, "primaryAddress", primary),
                        String.format("channel %d: primary address %d written%n", channel, primary), true);
            };
        }
        ShortId id = ShortIdArgument.parse(shortId.get());
        return client -> {
            client.bindShortId(channel, id);
            return new Outcome(Reports.map("channel", channel, "success", true, "shortId", Reports.map(
                    "identificationNumber", id.identificationNumber(),
                    "manufacturerId", id.manufacturer().code(), "version", id.version(), "deviceType", id.deviceType().code())),
                    String.format("channel %d: Short ID %s, manufacturer %s, version %d, device type %d written%n",
                            channel, id.identificationNumber(), id.manufacturer(), id.version(), id.deviceType().code()),
                    true);
        };
    }

    private static Command transferKey(CliArguments a, Map<String, String> env) throws UsageException {
        int channel = a.requiredChannel();
        AesKey userKey = KeyMaterial.keyFromFileOrEnv(a.path("--user-key-file"), KeyMaterial.ENV_USER_KEY, env,
                "user key", "--user-key-file");
        AesKey defaultKey = KeyMaterial.keyFromFileOrEnv(a.path("--default-key-file"), KeyMaterial.ENV_DEFAULT_KEY, env,
                "default key", "--default-key-file");
        return client -> Reports.keyTransfer(channel, client.changeKey(channel, defaultKey, userKey));
    }
}
