package org.p2gate.headend;

import gurux.dlms.GXDLMSConfirmedServiceError;
import gurux.dlms.GXDLMSException;
import gurux.dlms.GXDLMSExceptionResponse;
import gurux.dlms.GXReplyData;
import gurux.dlms.enums.Authentication;
import gurux.dlms.enums.DataType;
import gurux.dlms.enums.ExceptionServiceError;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.enums.ObjectType;
import gurux.dlms.enums.Security;
import gurux.dlms.objects.enums.SecuritySuite;
import gurux.dlms.secure.GXDLMSSecureClient;
import java.security.GeneralSecurityException;
import org.p2gate.headend.HeadEndException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DLMS association over one wrapper connection, on the Gurux client: AARQ/AARE (and the HLS 5
 * reply_to_HLS_authentication pass), GET/SET/ACTION with block transfer, RLRQ on close. Turns every
 * Gurux or socket failure into a {@link HeadEndException}. Not thread-safe (one request at a time).
 */
final class DlmsConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DlmsConnection.class);

    private final GXDLMSSecureClient client;
    private final WrapperSocket socket;
    private final HeadEndSettings settings;
    /** Set when several associations share one key's counter: each ciphered APDU takes its value from it. */
    private final java.util.Optional<InvocationCounter> shared;
    private boolean associated;

    private DlmsConnection(GXDLMSSecureClient client, WrapperSocket socket, HeadEndSettings settings,
            java.util.Optional<InvocationCounter> shared) {
        this.client = client;
        this.socket = socket;
        this.settings = settings;
        this.shared = shared;
    }

    /** Connects and associates; for the management client, ciphering starts at {@code invocationCounter}. */
    static DlmsConnection open(HeadEndSettings settings, long invocationCounter) throws HeadEndException {
        return open(settings, invocationCounter, java.util.Optional.empty());
    }

    /** Connects and associates; every ciphered APDU takes its invocation counter from {@code shared}. */
    static DlmsConnection open(HeadEndSettings settings, InvocationCounter shared) throws HeadEndException {
        return open(settings, shared.peek(), java.util.Optional.of(shared));
    }

    private static DlmsConnection open(HeadEndSettings settings, long invocationCounter,
            java.util.Optional<InvocationCounter> shared) throws HeadEndException {
        GXDLMSSecureClient client = newClient(settings, invocationCounter);
        WrapperSocket socket = WrapperSocket.open(settings.host(), settings.port(),
                (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis()));
        DlmsConnection connection = new DlmsConnection(client, socket, settings, shared);
        try {
            connection.associate();
            return connection;
        } catch (HeadEndException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static GXDLMSSecureClient newClient(HeadEndSettings settings, long invocationCounter) {
        boolean management = settings.role() == ClientRole.MANAGEMENT;
        GXDLMSSecureClient client = new GXDLMSSecureClient(true, settings.role().sap(), settings.serverAddress(),
                management ? Authentication.HIGH_GMAC : Authentication.NONE, null, InterfaceType.WRAPPER);
        if (management) {
            SecurityKeys keys = settings.keys().orElseThrow();
            // DLMS Green Book 9.2.7.2: suite 0 = AES-GCM-128; HLS 5 = GMAC; all APDUs authenticated and encrypted
            client.getCiphering().setSecuritySuite(SecuritySuite.SUITE_0);
            client.getCiphering().setSecurity(Security.AUTHENTICATION_ENCRYPTION);
            client.getCiphering().setSystemTitle(keys.clientSystemTitle());
            client.getCiphering().setAuthenticationKey(keys.authenticationKey().exportBytes());
            client.getCiphering().setBlockCipherKey(keys.blockCipherKey().exportBytes());
            client.getCiphering().setInvocationCounter(invocationCounter);
        }
        return client;
    }

    private void associate() throws HeadEndException {
        GXReplyData reply = exchange(client::aarqRequest, "the association request (AARQ)");
        try {
            client.parseAareResponse(reply.getData());
        } catch (GXDLMSException e) {
            throw refusedAssociation(e);
        } catch (RuntimeException e) {
            throw new HeadEndException(Kind.AUTHENTICATION_FAILED, "the gateway's association response (AARE) from "
                    + socket.where() + " could not be read (" + e.getMessage() + "); check the keys and the client", e);
        }
        if (client.getIsAuthenticationRequired()) {
            // DLMS Green Book 9.2.7.4 HLS pass 3/4: reply_to_HLS_authentication with f(StoC), check f(CtoS)
            GXReplyData hls = exchange(client::getApplicationAssociationRequest,
                    "the HLS authentication (reply_to_HLS_authentication)");
            try {
                client.parseApplicationAssociationResponse(hls.getData());
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new HeadEndException(Kind.AUTHENTICATION_FAILED, "the gateway at " + socket.where()
                        + " did not prove it holds the same authentication key (HLS 5): check authentication.key", e);
            }
        }
        associated = true;
        LOG.debug("associated with {} as the {} client", socket.where(), settings.role());
    }

    private HeadEndException refusedAssociation(GXDLMSException e) {
        String what = settings.role() == ClientRole.MANAGEMENT
                ? "check the authentication key, block cipher key and client system title in the --keys file"
                : "check that the gateway offers the public client (SAP 16)";
        return new HeadEndException(Kind.AUTHENTICATION_FAILED, "the gateway at " + socket.where()
                + " refused the association as the " + settings.role().name().toLowerCase(java.util.Locale.ROOT)
                + " client (" + (e.getResult() == null ? e.getMessage() : e.getResult() + ", diagnostic "
                + e.getDiagnostic()) + "): " + what, e);
    }

    /** GET of one attribute; the decoded value (Number, byte[], List, ...). */
    Object get(String logicalName, ObjectType type, int attribute) throws HeadEndException {
        String what = "attribute " + attribute + " of " + logicalName;
        return valueOf(exchange(() -> client.read(logicalName, type, attribute), what));
    }

    /** GET with selective access, as Gurux encodes it in {@code requests}. */
    Object get(Requests requests, String what) throws HeadEndException {
        return valueOf(exchange(requests, what));
    }

    /** SET of one attribute; throws with the data-access-result unless it succeeded. */
    void set(String logicalName, ObjectType type, int attribute, Object value, DataType dataType)
            throws HeadEndException {
        String what = "attribute " + attribute + " of " + logicalName;
        exchange(() -> client.write(logicalName, value, dataType, type, attribute), what);
    }

    /** ACTION; the action-result, success or not (a refusal is an answer, not an exception). */
    DlmsResult action(String logicalName, ObjectType type, int method, Object parameter, DataType dataType)
            throws HeadEndException {
        String what = "method " + method + " of " + logicalName;
        try {
            exchange(() -> client.method(logicalName, type, method, parameter, dataType), what);
            return DlmsResult.of(0);
        } catch (HeadEndException e) {
            if (e.result().isPresent()) {
                return e.result().get();
            }
            throw e;
        }
    }

    private static Object valueOf(GXReplyData reply) {
        // Gurux 4.0.47 decodes an empty array (01 00) as no value of type None; it is an empty list
        byte[] raw = reply.getData().array();
        if (reply.getValue() == null && raw.length == 2 && raw[0] == DataType.ARRAY.getValue() && raw[1] == 0) {
            return java.util.List.of();
        }
        return reply.getValue();
    }

    /** Sends each request and collects the (possibly block-transferred) answer. */
    private GXReplyData exchange(Requests requests, String what) throws HeadEndException {
        GXReplyData reply = new GXReplyData();
        try {
            byte[][] apdus = sendFirst(requests);
            for (int i = 0; i < apdus.length; i++) {
                if (i > 0) {
                    send(apdus[i]);
                }
                receive(reply);
                while (reply.isMoreData()) {
                    sendNextBlockRequest(reply);
                    receive(reply);
                }
                if (reply.getError() != 0) {
                    // the Gurux client reports a data-access-result / action-result here, without throwing
                    DlmsResult result = DlmsResult.of(reply.getError());
                    throw new HeadEndException(what + ": " + result.name() + ", " + result.text(), result);
                }
            }
            return reply;
        } catch (GXDLMSException e) {
            DlmsResult result = DlmsResult.of(e.getErrorCode());
            throw new HeadEndException(what + ": " + result.name() + ", " + result.text(), result);
        } catch (GXDLMSExceptionResponse e) {
            if (e.getExceptionServiceError() == ExceptionServiceError.INVOCATION_COUNTER_ERROR) {
                throw new HeadEndException(Kind.INVOCATION_COUNTER_REFUSED, "the gateway refused the invocation counter"
                        + " of " + what + " as already used; reconnect (the client reads the counter anew)", e);
            }
            if (e.getExceptionServiceError() == ExceptionServiceError.DECIPHERING_ERROR) {
                throw new HeadEndException(Kind.AUTHENTICATION_FAILED, "the gateway could not decipher " + what
                        + ": check block.cipher.key and authentication.key in the --keys file", e);
            }
            throw new HeadEndException(Kind.REFUSED, "the gateway refused " + what + " ("
                    + e.getStateError() + ", " + e.getExceptionServiceError() + ")", e);
        } catch (GXDLMSConfirmedServiceError e) {
            throw new HeadEndException(Kind.REFUSED, "the gateway refused " + what + " ("
                    + e.getConfirmedServiceError() + ", " + e.getServiceError() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new HeadEndException(Kind.AUTHENTICATION_FAILED, "the answer to " + what + " failed its"
                    + " authentication check: check block.cipher.key and authentication.key in the --keys file", e);
        } catch (RuntimeException e) {
            throw new HeadEndException(Kind.UNEXPECTED_ANSWER, "the gateway's answer to " + what
                    + " could not be decoded (" + e + ")", e);
        }
    }

    /** A request generator of Gurux (its methods declare the JCE exceptions). */
    @FunctionalInterface
    interface Requests {
        byte[][] create() throws GeneralSecurityException;
    }

    /**
     * Creates the APDUs of a request and sends the first. With a shared counter, taking its values and ciphering
     * are one step under the counter's lock; the sending is not: a sender descheduled in its write then holds up
     * no other association. Concurrent associations' APDUs may reach the gateway a few counters out of order,
     * which its replay window takes (each counter once, within 4096 of the highest).
     */
    private byte[][] sendFirst(Requests requests) throws HeadEndException {
        byte[][] apdus;
        if (shared.isEmpty()) {
            apdus = requests(requests);
        } else {
            synchronized (shared.get()) {
                client.getCiphering().setInvocationCounter(shared.get().peek());
                apdus = requests(requests);
                shared.get().advanceTo(client.getCiphering().getInvocationCounter());
            }
        }
        send(apdus[0]);
        return apdus;
    }

    private void send(byte[] apdu) throws HeadEndException {
        socket.send(apdu);
    }

    /** Asks for the next block of a long answer (with a shared counter: takes its value as {@link #sendFirst} does). */
    private void sendNextBlockRequest(GXReplyData reply) throws GeneralSecurityException, HeadEndException {
        if (shared.isEmpty()) {
            send(client.receiverReady(reply));
            return;
        }
        byte[] apdu;
        synchronized (shared.get()) {
            client.getCiphering().setInvocationCounter(shared.get().peek());
            apdu = client.receiverReady(reply);
            shared.get().advanceTo(client.getCiphering().getInvocationCounter());
        }
        send(apdu);
    }

    /** Reads frames until the answer's APDU is complete. */
    private void receive(GXReplyData reply) throws HeadEndException, GeneralSecurityException {
        GXReplyData notify = new GXReplyData();
        while (!client.getData(socket.receive(), reply, notify)) {
            // an incomplete APDU: the rest comes in the next frame
        }
    }

    private byte[][] requests(Requests requests) throws HeadEndException {
        try {
            return requests.create();
        } catch (GeneralSecurityException e) {
            throw new HeadEndException(Kind.AUTHENTICATION_FAILED, "the request could not be ciphered ("
                    + e.getClass().getSimpleName() + "): check the keys in the --keys file", e);
        } catch (RuntimeException e) {
            throw new HeadEndException(Kind.UNEXPECTED_ANSWER, "the request could not be encoded (" + e.getMessage() + ")", e);
        }
    }

    /** The client's invocation counter: the next APDU uses it. */
    long invocationCounter() {
        return client.getCiphering().getInvocationCounter();
    }

    /** Gurux's client, for encoding selective access (profile reads). */
    GXDLMSSecureClient gurux() {
        return client;
    }

    /** Releases the association (RLRQ) and closes the connection; never throws. */
    @Override
    public void close() {
        try {
            if (associated) {
                associated = false;
                exchange(client::releaseRequest, "the release request (RLRQ)");
            }
        } catch (HeadEndException e) {
            LOG.debug("release of the association with {} failed: {}", socket.where(), e.getMessage());
        } finally {
            socket.close();
        }
    }
}
