package org.p2gate.cosem.component;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the COSEM logical device, PID {@value #PID}. The defaults are inert: image transfer is off. */
@ObjectClassDefinition(id = CosemConfig.PID, name = "p2gate COSEM objects",
        description = "The COSEM logical device of the M-Bus master served over P3, including the Image Transfer "
                + "object (class 18, 0-0:44.0.0.255) through which the head-end updates the gateway's firmware.")
public @interface CosemConfig {

    String PID = "org.p2gate.cosem";

    @AttributeDefinition(required = false, name = "Image signing public key",
            description = "The EC P-256 public key (PEM, or base64 X.509 DER) whose signature a firmware image must carry "
                    + "(SHA256withECDSA over the deployment package). Empty: image transfer is disabled and refused.")
    String image_public_key() default "";
}
