package org.p2gate.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.nio.file.Path;
import org.junit.Test;

public class LaunchOptionsTest {

    @Test
    public void defaultsAreConfAndDataInTheWorkingFolder() throws Exception {
        LaunchOptions options = LaunchOptions.parse();
        assertEquals(Path.of("conf").toAbsolutePath(), options.confDir());
        assertEquals(Path.of("data").toAbsolutePath(), options.dataDir());
        assertEquals(LaunchOptions.Action.RUN, options.action());
    }

    @Test
    public void foldersAreTakenAsSeparateOrJoinedArguments() throws Exception {
        LaunchOptions options = LaunchOptions.parse("--data", "/var/lib/p2gate", "--conf=/etc/p2gate");
        assertEquals(Path.of("/var/lib/p2gate"), options.dataDir());
        assertEquals(Path.of("/etc/p2gate"), options.confDir());
    }

    @Test
    public void logAndOsgiCacheLiveInTheDataFolder() throws Exception {
        LaunchOptions options = LaunchOptions.parse("--data", "/var/lib/p2gate");
        assertEquals(Path.of("/var/lib/p2gate/log"), options.logDir());
        assertEquals(Path.of("/var/lib/p2gate/osgi-cache"), options.osgiCacheDir());
    }

    @Test
    public void helpAndVersionAreActions() throws Exception {
        assertEquals(LaunchOptions.Action.HELP, LaunchOptions.parse("--help").action());
        assertEquals(LaunchOptions.Action.VERSION, LaunchOptions.parse("--version").action());
    }

    @Test
    public void anOptionWithoutItsFolderIsRefused() {
        var missing = assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse("--data"));
        assertEquals("--data needs a folder", missing.getMessage());
        assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse("--conf", "--data", "x"));
        assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse("--conf="));
    }

    @Test
    public void anUnknownOptionIsRefused() {
        var unknown = assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse("--port", "4059"));
        assertEquals("unknown option '--port'", unknown.getMessage());
    }
}
