package org.p2gate.cosem.component;

import java.security.PublicKey;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.p2gate.cosem.CosemDevice;
import org.p2gate.cosem.image.ActivationRecord;
import org.p2gate.cosem.image.ImageActivation;
import org.p2gate.cosem.image.ImageTransfer;
import org.p2gate.cosem.image.SigningKey;
import org.p2gate.cosem.mbus.MasterDevice;
import org.p2gate.installation.Installation;
import org.p2gate.master.P2Master;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The M-Bus master's COSEM logical device as an OSGi service, for the P3 server: present while a master
 * runs. Its one setting is the image signing key of the Image Transfer object; the activation record lives
 * in the bundle's data area, which Deployment Admin updates keep.
 */
@Component(configurationPid = CosemConfig.PID, immediate = true, service = {})
@Designate(ocd = CosemConfig.class)
public final class CosemComponent {

    private static final Logger LOG = LoggerFactory.getLogger(CosemComponent.class);

    @Reference
    private P2Master master;

    /** Class 72 slave_install, slave_deinstall, the binding writes and the key methods go through installation. */
    @Reference
    private Installation installation;

    /** Activates firmware images; without it (a runtime with no Deployment Admin) activation fails with a reason. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    private DeploymentAdmin deploymentAdmin;

    private ServiceRegistration<CosemDevice> registration;

    @Activate
    void activate(BundleContext context, CosemConfig config) {
        Optional<PublicKey> key = Optional.empty();
        if (!config.image_public_key().isBlank()) {
            try {
                key = Optional.of(SigningKey.parse(config.image_public_key()));
            } catch (IllegalArgumentException e) {
                LOG.error("{} image.public.key: {}; image transfer stays disabled until it is corrected",
                        CosemConfig.PID, e.getMessage());
            }
        } else {
            LOG.info("image transfer disabled: no image.public.key configured in {}", CosemConfig.PID);
        }
        ImageActivation activation = deploymentAdmin == null ? ImageActivation.NONE
                : new DeploymentAdminActivation(deploymentAdmin);
        Executor thread = task -> {
            Thread worker = new Thread(task, "p2gate-image-activation");
            worker.setDaemon(true);
            worker.start();
        };
        ImageTransfer transfer = new ImageTransfer(key, activation, thread,
                new ActivationRecord(context.getDataFile("image-activation.properties").toPath()));
        registration = context.registerService(CosemDevice.class, new MasterDevice(master, installation, transfer), null);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
