/**
 * COSEM Image Transfer (Blue Book class 18, 0-0:44.0.0.255) of the gateway's own firmware: the image is a
 * signed deployment package, received in blocks, verified, and activated through a port
 * ({@link org.p2gate.cosem.image.ImageActivation}); private to the bundle.
 */
package org.p2gate.cosem.image;
