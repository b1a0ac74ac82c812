package org.p2gate.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.message.KeyLookup;
import org.p2gate.mbus.message.Message;
import org.p2gate.mbus.message.MessageDecoder;
import org.p2gate.mbus.record.DsmrRecords;
import org.p2gate.mbus.security.AesKey;
import org.p2gate.mbus.security.KeyWrap;

/**
 * {@code ./p2gate decode [--key HEX] [--default-key HEX] [--json] HEX-or-FILE}: decodes one wired
 * or wireless telegram and prints its frame, header and records. Exit 0 decoded, 2 bad input.
 */
final class DecodeCommand {

    static final String USAGE = """
            usage: ./p2gate decode [--key HEX] [--default-key HEX] [--json] HEX-or-FILE
              HEX-or-FILE        the telegram: hex digits (spaces allowed), or a file holding them
              --key HEX          the AES-128 key of an encrypted message (DSMR mode 15, OMS modes 5 and 7)
              --default-key HEX  the meter's default key: unwraps a user key sent in key-transfer records
              --json             one JSON object instead of text
            Departures from the standard that real meters make are read past and listed ("departures" in JSON,
            "tolerated" lines in text); the DSMR master rejects them.""";

    private final PrintStream out;
    private final PrintStream err;

    DecodeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        Optional<AesKey> key = Optional.empty();
        Optional<AesKey> defaultKey = Optional.empty();
        boolean json = false;
        String input = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--key" -> key = Optional.of(key(args, ++i, "--key"));
                    case "--default-key" -> defaultKey = Optional.of(key(args, ++i, "--default-key"));
                    case "--json" -> json = true;
                    case "--help", "-h" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> {
                        if (args[i].startsWith("--") || input != null) {
                            throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
                        }
                        input = args[i];
                    }
                }
            }
            if (input == null) {
                throw new IllegalArgumentException("no telegram given");
            }
        } catch (IllegalArgumentException e) {
            err.println("p2gate decode: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }

        byte[] bytes;
        try {
            bytes = HexInput.read(input);
        } catch (IOException | HexInput.NotHexException e) {
            err.println("p2gate decode: " + e.getMessage());
            return 2;
        }
        // the generic decoder: reads past real meters' departures from the standard and lists them (issue 18)
        MessageDecoder decoder = MessageDecoder.lenient(key.map(KeyLookup::always).orElse(KeyLookup.NONE));
        try {
            Message message = decoder.decode(bytes);
            Map<String, Object> report = MessageReport.of(message);
            defaultKey.ifPresent(k -> unwrapTransferredKey(message, k, report));
            out.println(json ? Json.write(report) : TextReport.render(report));
            return 0;
        } catch (DecodeException e) {
            if (json) {
                out.println(Json.write(MessageReport.error(e)));
            } else {
                err.println("p2gate decode: " + e.reason() + " at byte " + e.offset() + ": " + e.getMessage()
                        + (e.reason() == org.p2gate.mbus.Reason.NO_KEY ? " (give it with --key)" : ""));
            }
            return 2;
        }
    }

    /** P2 4.2.2 §6.5.1: the user key travels wrapped with the default key in DIF 07/47 FD 19 records. */
    private static void unwrapTransferredKey(Message message, AesKey defaultKey, Map<String, Object> report) {
        DsmrRecords.encryptedKeyOf(message.records()).ifPresent(wrapped -> {
            AesKey userKey = KeyWrap.unwrap(defaultKey, wrapped);
            // shown because the operator asked for it by giving the default key
            report.put("transferred_user_key", java.util.HexFormat.of().withUpperCase().formatHex(userKey.exportBytes()));
        });
    }

    private static AesKey key(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs 32 hex digits");
        }
        try {
            return AesKey.fromHex(args[i]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }
}
