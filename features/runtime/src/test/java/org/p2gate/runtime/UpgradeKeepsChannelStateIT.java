package org.p2gate.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;
import org.p2gate.headend.ChannelSetup;
import org.p2gate.headend.EncryptionKeyStatus;
import org.p2gate.headend.HeadEndClient;
import org.p2gate.headend.MeterValue;
import org.p2gate.master.Channel;
import org.p2gate.master.ChannelState;
import org.p2gate.master.HourlyValue;
import org.p2gate.master.P2Master;

/**
 * Issue 9 (1): the OTA path through Deployment Admin keeps the channel state. On a framework with the
 * OSGi services only (a Kura gateway), the {@code .dp} is installed, the head-end installs a simulated gas
 * meter over P3, transfers its user key, and the master reads an encrypted hourly value; then a newer
 * {@code .dp} (the P3 bundle one micro step up) is installed over the running one. Deployment Admin stops
 * and restarts every gateway bundle: the binding, the key status, the frame counter and the hourly values
 * are still the master's, and the new P3 server answers with the same channel setup and value.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class UpgradeKeepsChannelStateIT {

    @Inject
    private BundleContext context;
    @Inject
    private ConfigurationAdmin configAdmin;
    @Inject
    private DeploymentAdmin deploymentAdmin;

    @Configuration
    public Option[] config() {
        return GatewayOnDeploymentPackage.options("upgrade");
    }

    @Test
    public void upgradingThePackageKeepsBindingKeysFrameCountersAndHourlyValues() throws Exception {
        DeploymentPackage installed = PackageInstall.installBuiltWithLateBundles(context, deploymentAdmin);
        GatewayOnDeploymentPackage gateway = new GatewayOnDeploymentPackage(context, configAdmin, deploymentAdmin, "upgrade");
        gateway.configure();
        gateway.installMeterKeyAndFirstValue();
        P2Master before = gateway.master();
        ChannelState channelBefore = before.channel(Channel.of(1));
        Instant hour = GatewayOnDeploymentPackage.FIRST_HOUR;
        List<HourlyValue> valuesBefore = before.hourlyValues(Channel.of(1), hour.minus(Duration.ofHours(3)), hour.plus(Duration.ofHours(1)));
        assertEquals("the 22:00 and 23:00 values before the upgrade: " + valuesBefore, 2, valuesBefore.size());
        ChannelSetup setupBefore;
        MeterValue valueBefore;
        try (HeadEndClient headEnd = gateway.connect()) {
            setupBefore = headEnd.channelSetup(1);
            valueBefore = headEnd.value(1);
        }

        Path newer = InFramework.testDir("upgrade").resolve("p2gate-newer.dp");
        NewerDeploymentPackage.write(PackageInstall.builtPackage(), "org.p2gate.p3", newer);
        DeploymentPackage upgraded = gateway.install(newer);
        assertEquals(NewerDeploymentPackage.next(installed.getVersion()), upgraded.getVersion());

        P2Master after = gateway.master();
        assertNotSame("Deployment Admin restarted the master", before, after);
        ChannelState channelAfter = after.channel(Channel.of(1));
        assertEquals("binding", channelBefore.binding(), channelAfter.binding());
        assertEquals("device", channelBefore.device(), channelAfter.device());
        assertEquals("key status", org.p2gate.master.EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, channelAfter.keyStatus());
        assertTrue("a validated frame counter before the upgrade", channelBefore.lastValidatedFrameCounter().isPresent());
        assertEquals("frame counter", channelBefore.lastValidatedFrameCounter(), channelAfter.lastValidatedFrameCounter());
        assertEquals("hourly values", valuesBefore,
                after.hourlyValues(Channel.of(1), hour.minus(Duration.ofHours(3)), hour.plus(Duration.ofHours(1))));

        try (HeadEndClient headEnd = gateway.connect()) {
            ChannelSetup setupAfter = headEnd.channelSetup(1);
            assertEquals(setupBefore.toString(), setupBefore, setupAfter);
            assertEquals(EncryptionKeyStatus.ENCRYPTION_KEY_IN_USE, setupAfter.encryptionKeyStatus().orElseThrow());
            MeterValue valueAfter = headEnd.value(1);
            assertEquals(0, SimulatedGas.volumeAt(hour).compareTo(valueAfter.value()));
            assertEquals(valueBefore, valueAfter);
        }
    }
}
