package org.p2gate.headend.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.p2gate.headend.ClientRole;
import org.p2gate.headend.HeadEndSettings;

/** The parsed command line of {@code ./p2gate headend}: one command and its options, checked. */
final class CliArguments {

    static final List<String> COMMANDS = List.of("read", "profile", "events", "install", "deinstall", "bind",
            "transfer-key", "set-clock", "reset-alarm", "capture", "update");

    private static final Set<String> FLAGS = Set.of("--json", "--help", "-h");
    private static final Set<String> OPTIONS = Set.of("--host", "--port", "--client", "--keys", "--channel",
            "--timeout", "--from", "--to", "--entries", "--primary-address", "--short-id", "--user-key-file", "--image",
            "--identifier", "--wait",
            "--default-key-file");

    final String command;
    final Map<String, String> options;
    final boolean json;
    final boolean help;

    private CliArguments(String command, Map<String, String> options, boolean json, boolean help) {
        this.command = command;
        this.options = options;
        this.json = json;
        this.help = help;
    }

    static CliArguments parse(String[] args) throws UsageException {
        String command = null;
        Map<String, String> options = new HashMap<>();
        boolean json = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (FLAGS.contains(arg)) {
                json |= arg.equals("--json");
                help |= !arg.equals("--json");
            } else if (OPTIONS.contains(arg)) {
                if (i + 1 >= args.length) {
                    throw new UsageException(arg + " needs a value");
                }
                if (options.put(arg, args[++i]) != null) {
                    throw new UsageException(arg + " is given twice");
                }
            } else if (arg.startsWith("-")) {
                throw new UsageException("unknown option '" + arg + "'" + (arg.contains("key") && !arg.endsWith("-file")
                        ? " (keys are never taken on the command line: use --keys FILE or the environment)" : ""));
            } else if (command == null) {
                if (!COMMANDS.contains(arg)) {
                    throw new UsageException("unknown command '" + arg + "'; commands: " + String.join(", ", COMMANDS));
                }
                command = arg;
            } else {
                throw new UsageException("unexpected argument '" + arg + "' after the command " + command);
            }
        }
        if (command == null && !help) {
            throw new UsageException("no command given");
        }
        return new CliArguments(command, Map.copyOf(options), json, help);
    }

    String host() {
        return options.getOrDefault("--host", HeadEndSettings.DEFAULT_HOST);
    }

    int port() throws UsageException {
        return number("--port", HeadEndSettings.DEFAULT_PORT, 1, 65535);
    }

    Duration timeout() throws UsageException {
        return Duration.ofSeconds(number("--timeout", (int) HeadEndSettings.DEFAULT_TIMEOUT.toSeconds(), 1, 3600));
    }

    Optional<ClientRole> client() throws UsageException {
        String value = options.get("--client");
        if (value == null) {
            return Optional.empty();
        }
        return switch (value) {
            case "public" -> Optional.of(ClientRole.PUBLIC);
            case "management" -> Optional.of(ClientRole.MANAGEMENT);
            default -> throw new UsageException("--client is public or management, got '" + value + "'");
        };
    }

    Optional<Path> path(String option) {
        return Optional.ofNullable(options.get(option)).map(Path::of);
    }

    OptionalInt channel() throws UsageException {
        return options.containsKey("--channel") ? OptionalInt.of(number("--channel", 0, 1, 4)) : OptionalInt.empty();
    }

    int requiredChannel() throws UsageException {
        OptionalInt channel = channel();
        if (channel.isEmpty()) {
            throw new UsageException(command + " needs --channel N (1..4)");
        }
        return channel.getAsInt();
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    Instant instant(String option) throws UsageException {
        String value = options.get(option);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " is an ISO-8601 UTC time such as 2026-03-01T00:00:00Z, got '" + value + "'");
        }
    }

    /** Accepts only the options of this command (and the common ones). */
    void allowOnly(String... specific) throws UsageException {
        Set<String> allowed = new java.util.HashSet<>(Set.of("--host", "--port", "--client", "--keys", "--timeout"));
        allowed.addAll(List.of(specific));
        for (String given : options.keySet()) {
            if (!allowed.contains(given)) {
                throw new UsageException(given + " does not apply to " + command);
            }
        }
    }

    int number(String option, int fallback, int min, int max) throws UsageException {
        String value = options.get(option);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new UsageException(option + " is " + min + ".." + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " is a number " + min + ".." + max + ", got '" + value + "'");
        }
    }
}
