package org.p2gate.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.deploymentadmin.BundleInfo;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;

/**
 * The Kura deployment package through Felix Deployment Admin, on a framework that has the OSGi
 * services but none of the gateway bundles (as a Kura gateway before p2gate is installed):
 * install, install a newer version over it (the OTA path), uninstall.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeploymentPackageIT {

    @Inject
    private BundleContext context;
    @Inject
    private DeploymentAdmin deploymentAdmin;

    @Configuration
    public Option[] config() {
        return RuntimeBundleSet.options(symbolicName -> !InFramework.GATEWAY_BUNDLES.contains(symbolicName)
                && !InFramework.RUNTIME_ONLY.contains(symbolicName),
                InFramework.testDir("deployment-package").resolve("conf"));
    }

    @Test
    public void installUpgradeAndUninstallTheGatewayPackage() throws Exception {
        Path built = Path.of(System.getProperty("p2gate.dp"));

        DeploymentPackage installed = install(built);
        assertEquals("p2gate", installed.getName());
        assertEquals(InFramework.PACKAGE_BUNDLES, symbolicNames(installed));
        Map<String, Long> idsBefore = activeBundleIds(installed);
        Version mbusBefore = installed.getBundle("org.p2gate.mbus").getVersion();

        Path newer = InFramework.testDir("deployment-package").resolve("p2gate-newer.dp");
        NewerDeploymentPackage.write(built, "org.p2gate.mbus", newer);
        DeploymentPackage upgraded = install(newer);

        assertEquals(NewerDeploymentPackage.next(installed.getVersion()), upgraded.getVersion());
        assertEquals("one p2gate package after the upgrade", 1, Stream.of(deploymentAdmin.listDeploymentPackages())
                .filter(p -> p.getName().equals("p2gate")).count());
        Bundle mbus = upgraded.getBundle("org.p2gate.mbus");
        assertEquals(NewerDeploymentPackage.next(mbusBefore), mbus.getVersion());
        assertEquals("bundles are updated in place (same ids: their data areas survive)", idsBefore,
                activeBundleIds(upgraded));

        upgraded.uninstall();
        assertTrue("the package is gone", Stream.of(deploymentAdmin.listDeploymentPackages())
                .noneMatch(p -> p.getName().equals("p2gate")));
        for (long id : idsBefore.values()) {
            assertEquals("bundle " + id + " after uninstall", null, context.getBundle(id));
        }
    }

    private DeploymentPackage install(Path dp) throws Exception {
        try (InputStream in = Files.newInputStream(dp)) {
            return deploymentAdmin.installDeploymentPackage(in);
        }
    }

    private static Set<String> symbolicNames(DeploymentPackage dp) {
        return Arrays.stream(dp.getBundleInfos()).map(BundleInfo::getSymbolicName).collect(Collectors.toSet());
    }

    /**
     * The package's bundles by symbolic name, each of which must be ACTIVE; the Kura adapter, which imports the Kura API
     * this framework does not have, stays INSTALLED (it resolves on Kura).
     */
    private static Map<String, Long> activeBundleIds(DeploymentPackage dp) {
        Map<String, Long> ids = new TreeMap<>();
        for (BundleInfo info : dp.getBundleInfos()) {
            Bundle bundle = dp.getBundle(info.getSymbolicName());
            int expected = info.getSymbolicName().equals("org.p2gate.kura") ? Bundle.INSTALLED : Bundle.ACTIVE;
            assertEquals(info.getSymbolicName() + " state", InFramework.state(expected), InFramework.state(bundle.getState()));
            ids.put(info.getSymbolicName(), bundle.getBundleId());
        }
        return ids;
    }
}
