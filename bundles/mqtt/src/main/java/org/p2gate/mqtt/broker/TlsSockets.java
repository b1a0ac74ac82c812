package org.p2gate.mqtt.broker;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** TLS sockets that trust the certificates of one trust store (PKCS12 or JKS). */
final class TlsSockets {

    private TlsSockets() {
    }

    static SSLSocketFactory trusting(Path trustStore, char[] password) throws TrustStoreException {
        try {
            KeyStore store = KeyStore.getInstance(trustStore.toFile(), password); // PKCS12 or JKS, by content
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new TrustStoreException("cannot read the trust store " + trustStore + ": " + e.getMessage(), e);
        }
    }
}
