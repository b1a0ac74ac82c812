package org.p2gate.runtime;

import static org.ops4j.pax.exam.CoreOptions.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ops4j.pax.exam.Option;

/**
 * Runs outside the framework (in {@code @Configuration} methods). A Kura 5.x gateway before p2gate is installed, at
 * Kura's own runtime versions (-Pequinox: Equinox 3.16; target/kura-runtime holds Felix SCR 2.1.16, Equinox CM,
 * metatype and event, the OSGi service and util APIs, Felix Deployment Admin 0.9.5 and its dependency manager, as
 * Kura's distribution ships them), Bouncy Castle (Kura ships it), our declarations of the Kura API in place of
 * Kura's org.eclipse.kura.api, a free P3 port and the late bundles (simulator, head-end library).
 */
final class KuraRuntime {

    private KuraRuntime() {}

    static Option[] options(String name) {
        Path kura = Path.of(System.getProperty("p2gate.kura.runtime"));
        Stream<Option> services;
        try (Stream<Path> jars = Files.list(kura)) {
            List<Path> sorted = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            if (sorted.size() != 8) {
                throw new IllegalStateException("expected Kura's 8 OSGi service bundles in " + kura + ", found " + sorted);
            }
            services = sorted.stream().map(jar -> bundle(jar.toUri().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path folder = Path.of(System.getProperty("p2gate.runtime.bundles"));
        Stream<Option> bouncyCastle = RuntimeBundleSet.embedded().stream()
                .filter(b -> b.symbolicName().equals("bcprov"))
                .map(b -> bundle(folder.resolve(b.entry().substring(EmbeddedBundles.FOLDER.length())).toUri().toString()));
        Option kuraApi = bundle(Path.of(System.getProperty("p2gate.kura.api")).toUri().toString());
        return Stream.of(RuntimeBundleSet.basics(InFramework.testDir(name).resolve("conf")).stream(), services,
                bouncyCastle, Stream.of(kuraApi), Stream.of(GatewayOnDeploymentPackage.portAndLateBundles()))
                .flatMap(s -> s).toArray(Option[]::new);
    }
}
