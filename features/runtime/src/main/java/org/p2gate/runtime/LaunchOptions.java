package org.p2gate.runtime;

import java.nio.file.Path;

/**
 * The command line of the runtime: where configuration is read from and where state is kept.
 *
 * @param confDir the folder File Install watches for {@code <pid>.cfg} files
 * @param dataDir the folder for the OSGi cache, the gateway's durable state and the log files
 * @param action  what to do: run the gateway, or only print help or the version
 */
record LaunchOptions(Path confDir, Path dataDir, Action action) {

    enum Action { RUN, HELP, VERSION }

    static final String USAGE = """
            usage: java -jar p2gate-runtime.jar [--conf DIR] [--data DIR]
              --conf DIR   configuration folder: <pid>.cfg files, applied while running (default: ./conf)
              --data DIR   state folder: OSGi cache, gateway state, log/ (default: ./data)
              --version    print the version and exit
              --help       print this help and exit""";

    /** Thrown for a command line that cannot be obeyed; the message says what was wrong. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static LaunchOptions parse(String... args) throws UsageException {
        Path conf = Path.of("conf");
        Path data = Path.of("data");
        Action action = Action.RUN;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--conf" -> conf = folder(arg, value != null ? value : next(args, ++i, arg));
                case "--data" -> data = folder(arg, value != null ? value : next(args, ++i, arg));
                case "--help", "-h" -> action = Action.HELP;
                case "--version" -> action = Action.VERSION;
                default -> throw new UsageException("unknown option '" + args[i] + "'");
            }
        }
        return new LaunchOptions(conf.toAbsolutePath().normalize(), data.toAbsolutePath().normalize(), action);
    }

    Path logDir() {
        return dataDir.resolve("log");
    }

    Path osgiCacheDir() {
        return dataDir.resolve("osgi-cache");
    }

    private static String next(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a folder");
        }
        return args[i];
    }

    private static Path folder(String option, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(option + " needs a folder");
        }
        return Path.of(value);
    }
}
