package org.p2gate.master;

import java.io.IOException;
import java.nio.file.Path;

/** Starts a test worker's main class in a child JVM on this test's class path (the crash tests). */
public final class ChildJvm {

    private ChildJvm() {}

    /**
     * @param main    the worker class with a main method
     * @param maxHeap the -Xmx value, e.g. "64m"
     * @param data    the worker's one argument: the folder it works in
     * @param errors  where its standard error goes
     */
    public static Process start(Class<?> main, String maxHeap, Path data, Path errors) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx" + maxHeap,
                "-Xshare:auto", "-cp", System.getProperty("java.class.path"), main.getName(), data.toString());
        builder.redirectError(errors.toFile());
        return builder.start();
    }
}
