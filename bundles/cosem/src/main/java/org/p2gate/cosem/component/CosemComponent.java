package org.p2gate.cosem.component;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.p2gate.cosem.CosemDevice;
import org.p2gate.cosem.mbus.MasterDevice;
import org.p2gate.installation.Installation;
import org.p2gate.master.P2Master;

/**
 * The M-Bus master's COSEM logical device as an OSGi service, for the P3 server: present while a master
 * runs. It has no configuration: it only translates.
 */
@Component(immediate = true, service = {})
public final class CosemComponent {

    @Reference
    private P2Master master;

    /** Class 72 slave_install, slave_deinstall, the binding writes and the key methods go through installation. */
    @Reference
    private Installation installation;

    private ServiceRegistration<CosemDevice> registration;

    @Activate
    void activate(BundleContext context) {
        registration = context.registerService(CosemDevice.class, new MasterDevice(master, installation), null);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
