package org.p2gate.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import gurux.dlms.GXByteBuffer;
import gurux.dlms.GXDLMSClient;
import gurux.dlms.GXDLMSConnectionEventArgs;
import gurux.dlms.GXDLMSServer;
import gurux.dlms.GXReplyData;
import gurux.dlms.ValueEventArgs;
import gurux.dlms.enums.Authentication;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.enums.ObjectType;
import gurux.dlms.enums.SourceDiagnostic;
import gurux.dlms.objects.GXDLMSMBusClient;
import gurux.dlms.objects.GXDLMSObject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.FrameworkUtil;

/**
 * The wrapped Gurux library works from inside a bundle: a Gurux client associates with a Gurux
 * server over the DLMS wrapper and reads an M-Bus Client Setup (class 72) attribute, all in OSGi.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GuruxInBundleIT {

    private static final String CHANNEL_1_CLIENT_SETUP = "0.1.24.1.0.255";

    @Configuration
    public Option[] config() {
        return RuntimeBundleSet.options(symbolicName -> true, InFramework.testDir("gurux").resolve("conf"));
    }

    @Test
    public void guruxClassesComeFromTheWrapperBundle() {
        assertEquals("org.p2gate.gurux.dlms", FrameworkUtil.getBundle(GXDLMSClient.class).getSymbolicName());
        assertEquals("4.0.47", FrameworkUtil.getBundle(GXDLMSClient.class).getVersion().toString());
    }

    @Test
    public void clientAssociatesAndReadsTheIdentificationNumberOfAnMBusClientSetup() throws Exception {
        GXDLMSMBusClient served = new GXDLMSMBusClient(CHANNEL_1_CLIENT_SETUP);
        served.setIdentificationNumber(12345678);
        var server = new OneObjectServer(served);
        var client = new GXDLMSClient(true, 16, 1, Authentication.NONE, null, InterfaceType.WRAPPER);

        GXReplyData reply = exchange(client, server, client.aarqRequest()[0]);
        client.parseAareResponse(reply.getData());
        assertTrue("the association is open", server.associated);

        GXDLMSMBusClient read = new GXDLMSMBusClient(CHANNEL_1_CLIENT_SETUP);
        reply = exchange(client, server, client.read(read, 6)[0]);
        client.updateValue(read, 6, reply.getValue());
        assertEquals(ObjectType.MBUS_CLIENT, read.getObjectType());
        assertEquals(12345678L, read.getIdentificationNumber());
    }

    private static GXReplyData exchange(GXDLMSClient client, GXDLMSServer server, byte[] request) throws Exception {
        byte[] response = server.handleRequest(request);
        GXReplyData reply = new GXReplyData();
        assertTrue("a complete reply", client.getData(new GXByteBuffer(response), reply));
        return reply;
    }

    /** A Gurux server holding one object; Gurux answers reads from the object's attributes. */
    private static final class OneObjectServer extends GXDLMSServer {
        volatile boolean associated;

        OneObjectServer(GXDLMSObject object) {
            super(true, InterfaceType.WRAPPER);
            getItems().add(object);
            initialize();
        }

        @Override
        protected boolean isTarget(int serverAddress, int clientAddress) {
            return serverAddress == 1 && clientAddress == 16;
        }

        @Override
        protected SourceDiagnostic validateAuthentication(Authentication authentication, byte[] password) {
            return authentication == Authentication.NONE ? SourceDiagnostic.NONE
                    : SourceDiagnostic.AUTHENTICATION_FAILURE;
        }

        @Override
        protected GXDLMSObject onFindObject(ObjectType type, int sn, String ln) {
            return null; // Gurux looks the object up in getItems()
        }

        @Override
        public void read(ValueEventArgs[] args) {
            // not handled: Gurux reads the attribute from the object
        }

        @Override
        protected void write(ValueEventArgs[] args) {
            // not handled: Gurux writes the attribute to the object
        }

        @Override
        protected void action(ValueEventArgs[] args) {
            // not handled
        }

        @Override
        protected void connected(GXDLMSConnectionEventArgs connection) {
            associated = true;
        }

        @Override
        protected void invalidConnection(GXDLMSConnectionEventArgs connection) {
            associated = false;
        }

        @Override
        protected void disconnected(GXDLMSConnectionEventArgs connection) {
            associated = false;
        }
    }

}
