package org.p2gate.runtime;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.framework.BundleContext;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;

/**
 * Inside the framework, with OSGi types only: installs a {@code .dp} and the bundles that need its packages
 * (the simulator, the head-end library). Test classes that use p2gate types load only after this ran, since
 * the probe imports those packages dynamically and they exist only once the package is installed.
 */
final class PackageInstall {

    /** Framework property: the {@code file:} URLs of the bundles installed after the package, comma-separated. */
    static final String LATE_BUNDLES = "p2gate.test.late.bundles";

    private PackageInstall() {}

    static Path builtPackage() {
        return Path.of(System.getProperty("p2gate.dp"));
    }

    static DeploymentPackage install(DeploymentAdmin deploymentAdmin, Path dp) throws Exception {
        try (InputStream in = Files.newInputStream(dp)) {
            return deploymentAdmin.installDeploymentPackage(in);
        }
    }

    /** The built package, then the late bundles, started. */
    static DeploymentPackage installBuiltWithLateBundles(BundleContext context, DeploymentAdmin deploymentAdmin)
            throws Exception {
        DeploymentPackage installed = install(deploymentAdmin, builtPackage());
        for (String url : context.getProperty(LATE_BUNDLES).split(",")) {
            context.installBundle(url).start();
        }
        return installed;
    }
}
