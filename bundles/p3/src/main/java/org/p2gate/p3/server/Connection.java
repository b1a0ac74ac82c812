package org.p2gate.p3.server;

import gurux.dlms.GXByteBuffer;
import gurux.dlms.enums.AccessMode;
import gurux.dlms.enums.MethodAccessMode;
import gurux.dlms.enums.ObjectType;
import gurux.dlms.enums.Security;
import gurux.dlms.internal.GXCommon;
import gurux.dlms.objects.GXDLMSObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Optional;
import org.p2gate.cosem.ClientKind;
import org.p2gate.p3.RefusalReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection on its own thread: reads wrapper frames, applies the security policy, hands
 * admitted requests to its {@link SessionServer} under the service lock, writes the answers. Nothing
 * a client sends escapes this thread as an exception; every refusal is answered, logged and counted.
 */
final class Connection implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final ClientKind[] CLIENT_KINDS = ClientKind.values();

    /** The largest APDU a wrapper frame may carry (the xDLMS PDU, plus room for its ciphering). */
    static final int MAX_WRAPPER_APDU = SessionServer.MAX_PDU + 64;

    private final Socket socket;
    private final ServerContext context;
    private final String remote;
    private final Runnable onClose;
    private SessionServer session;
    private Optional<byte[]> clientTitle = Optional.empty();
    private boolean associated;
    /** The ciphering Gurux negotiated, while this connection protects the answers instead. */
    private Optional<Security> negotiatedSecurity = Optional.empty();

    Connection(Socket socket, ServerContext context, Runnable onClose) {
        this.socket = socket;
        this.context = context;
        this.remote = String.valueOf(socket.getRemoteSocketAddress());
        this.onClose = onClose;
    }

    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing {}: {}", remote, e.toString());
        }
    }

    @Override
    public void run() {
        try {
            socket.setSoTimeout((int) context.settings().inactivityTimeout().toMillis());
            socket.setTcpNoDelay(true);
            WrapperReader reader = new WrapperReader(socket.getInputStream(), MAX_WRAPPER_APDU);
            OutputStream out = socket.getOutputStream();
            while (true) {
                Optional<WrapperFrame> frame = reader.next();
                if (frame.isEmpty()) {
                    break;
                }
                long read = System.nanoTime();
                Optional<WrapperFrame> answer = handleWithPermit(frame.get());
                if (answer.isPresent()) {
                    out.write(answer.get().encode());
                    out.flush();
                    context.refusals().answered(System.nanoTime() - read);
                }
            }
            LOG.debug("P3 connection {} closed by the client", remote);
        } catch (MalformedWrapperException e) {
            context.refusals().refuse(RefusalReason.MALFORMED_WRAPPER, sap(), remote, e.getMessage() + "; connection closed");
        } catch (SocketTimeoutException e) {
            LOG.info("P3 connection {} silent for {} s: closed", remote, context.settings().inactivityTimeout().toSeconds());
        } catch (IOException e) {
            LOG.debug("P3 connection {} ended: {}", remote, e.toString());
        } catch (RuntimeException e) {
            LOG.error("P3 connection {} failed and is closed: {}", remote, e.toString(), e);
        } finally {
            // the refusal is counted and the slot free before the client can see the close
            closeSession();
            onClose.run();
            close();
        }
    }

    private int sap() {
        return session == null ? -1 : session.view().kind().sap();
    }

    /**
     * {@link #handle} holding one of the server's processing permits (as many as processors): requests
     * are processed in parallel up to the machine's cores and queue fairly beyond, instead of every
     * connection thread competing for the processors (P3Bench: a shorter tail at 16 associations).
     */
    private Optional<WrapperFrame> handleWithPermit(WrapperFrame frame) {
        context.processing().acquireUninterruptibly();
        try {
            return handle(frame);
        } finally {
            context.processing().release();
        }
    }

    /** The answer to one frame, if any. */
    Optional<WrapperFrame> handle(WrapperFrame frame) {
        ApduKind kind = ApduKind.of(frame.apdu());
        if (frame.destination() != context.settings().serverAddress()) {
            return refuse(frame, RefusalReason.UNKNOWN_CLIENT, frame.source(), "no logical device " + frame.destination()
                    + " (this server is " + context.settings().serverAddress() + ")", kind);
        }
        Optional<ClientKind> client = clientKind(frame.source());
        if (client.isEmpty()) {
            return refuse(frame, RefusalReason.UNKNOWN_CLIENT, frame.source(),
                    "only the public client (SAP 16) and the management client (SAP 1) are served", kind);
        }
        if (session == null || session.view().kind() != client.get()) {
            if (kind != ApduKind.AARQ && session != null) {
                return refuse(frame, RefusalReason.ACCESS_DENIED, frame.source(),
                        "this connection's association is with client SAP " + sap() + "; associate first", kind);
            }
            openSession(client.get());
        }
        return switch (kind) {
            case AARQ -> associationRequest(frame, client.get());
            case RLRQ -> release(frame);
            case PLAIN_REQUEST -> client.get() == ClientKind.MANAGEMENT
                    ? refuse(frame, RefusalReason.PLAINTEXT_IN_CIPHERED_ASSOCIATION, frame.source(),
                            String.format("plaintext request tag %02X; the management association takes only "
                                    + "authenticated and encrypted APDUs (glo-ciphered, SC 30h)", frame.apdu()[0] & 0xFF), kind)
                    : process(frame, frame.apdu(), true);
            case GLOBAL_CIPHERED_REQUEST, GENERAL_GLO_CIPHERING -> cipheredRequest(frame, client.get(), kind);
            case UNSUPPORTED_CIPHERED -> refuse(frame, RefusalReason.MALFORMED_APDU, frame.source(), String.format(
                    "APDU tag %02X: dedicated, general or signed ciphering is not offered; use glo-ciphering", frame.apdu()[0] & 0xFF),
                    kind);
            case UNKNOWN -> refuse(frame, RefusalReason.MALFORMED_APDU, frame.source(), frame.apdu().length == 0
                    ? "empty APDU" : String.format("APDU tag %02X is no request a client sends", frame.apdu()[0] & 0xFF), kind);
        };
    }

    private static Optional<ClientKind> clientKind(int sap) {
        for (ClientKind kind : CLIENT_KINDS) {
            if (kind.sap() == sap) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    private void openSession(ClientKind kind) {
        closeSession();
        context.serviceLock().lock();
        try {
            var settings = context.settings();
            AssociationView view = AssociationView.of(kind, context.device(), settings.serverAddress(),
                    settings.systemTitle(), settings.blockCipherKey(), settings.authenticationKey());
            session = new SessionServer(view, context.device(), settings.serverAddress(),
                    context.replayGuard()::nextAcceptable, context.serviceLock());
            if (kind == ClientKind.MANAGEMENT) {
                session.getCiphering().setSystemTitle(settings.systemTitle().bytes());
            }
        } finally {
            context.serviceLock().unlock();
        }
        clientTitle = Optional.empty();
        associated = false;
    }

    private void closeSession() {
        if (session != null) {
            try {
                session.close();
            } catch (Exception e) {
                LOG.debug("closing the Gurux session of {}: {}", remote, e.toString());
            }
            session = null;
        }
    }

    private Optional<WrapperFrame> associationRequest(WrapperFrame frame, ClientKind client) {
        Aarq aarq;
        try {
            aarq = Aarq.parse(frame.apdu());
        } catch (MalformedApduException e) {
            return refuse(frame, RefusalReason.MALFORMED_APDU, client.sap(), e.getMessage(),
                    ErrorAnswers.aareRejected(false, ErrorAnswers.DIAGNOSTIC_NO_REASON_GIVEN));
        }
        associated = false;
        restoreGuruxCiphering();
        if (client == ClientKind.PUBLIC) {
            if (aarq.cipheredContext() || aarq.mechanismId().filter(m -> m != 0).isPresent()) {
                return refuse(frame, RefusalReason.AUTHENTICATION_FAILED, client.sap(),
                        "the public client associates without security (no mechanism, no ciphering)",
                        ErrorAnswers.aareRejected(aarq.cipheredContext(), ErrorAnswers.DIAGNOSTIC_MECHANISM_NOT_RECOGNISED));
            }
            return process(frame, frame.apdu(), false);
        }
        // DSMR P3: the management client uses HLS 5 (GMAC) and a glo-ciphered initiate request
        if (!aarq.cipheredContext() || aarq.mechanismId().filter(m -> m == 5).isEmpty()) {
            return refuse(frame, RefusalReason.AUTHENTICATION_FAILED, client.sap(),
                    "the management client must use HLS 5 (GMAC) with the ciphered LN context",
                    ErrorAnswers.aareRejected(true, ErrorAnswers.DIAGNOSTIC_MECHANISM_NOT_RECOGNISED));
        }
        Optional<byte[]> title = aarq.callingApTitle().filter(t -> t.length == 8);
        Optional<byte[]> initiate = aarq.userInformation()
                .filter(u -> u.length > 0 && (u[0] & 0xFF) == ApduKind.GLO_INITIATE_REQUEST);
        if (title.isEmpty() || initiate.isEmpty()) {
            return refuse(frame, RefusalReason.AUTHENTICATION_FAILED, client.sap(),
                    "the AARQ lacks the 8-byte calling-AP-title or the glo-ciphered initiate request",
                    ErrorAnswers.aareRejected(true, ErrorAnswers.DIAGNOSTIC_AUTHENTICATION_FAILURE));
        }
        CipheredApdu ciphered;
        try {
            ciphered = CipheredApdu.parse(initiate.get());
        } catch (MalformedApduException e) {
            return refuse(frame, RefusalReason.MALFORMED_APDU, client.sap(), "AARQ initiate request: " + e.getMessage(),
                    ErrorAnswers.aareRejected(true, ErrorAnswers.DIAGNOSTIC_NO_REASON_GIVEN));
        }
        Admission admission = admitCiphered(ciphered, title.get(), client, true);
        if (admission.refusal().isPresent()) {
            return Optional.of(frame.answer(admission.refusal().get()));
        }
        clientTitle = title;
        return process(frame, frame.apdu(), false);
    }

    private Optional<WrapperFrame> cipheredRequest(WrapperFrame frame, ClientKind client, ApduKind kind) {
        if (client == ClientKind.PUBLIC) {
            return refuse(frame, RefusalReason.ACCESS_DENIED, client.sap(), "the public client's association is not ciphered",
                    ErrorAnswers.exceptionResponse(ErrorAnswers.STATE_SERVICE_NOT_ALLOWED, ErrorAnswers.SERVICE_NOT_SUPPORTED));
        }
        if (clientTitle.isEmpty()) {
            return refuse(frame, RefusalReason.ACCESS_DENIED, client.sap(), "ciphered request before an association",
                    ErrorAnswers.exceptionResponse(ErrorAnswers.STATE_SERVICE_NOT_ALLOWED,
                            ErrorAnswers.SERVICE_OPERATION_NOT_POSSIBLE));
        }
        CipheredApdu ciphered;
        byte[][] title = {clientTitle.get()};
        try {
            ciphered = kind == ApduKind.GENERAL_GLO_CIPHERING ? CipheredApdu.parseGeneralGlo(frame.apdu(), title)
                    : CipheredApdu.parse(frame.apdu());
        } catch (MalformedApduException e) {
            return refuse(frame, RefusalReason.MALFORMED_APDU, client.sap(), e.getMessage(),
                    ErrorAnswers.exceptionResponse(ErrorAnswers.STATE_SERVICE_UNKNOWN, ErrorAnswers.SERVICE_OTHER_REASON));
        }
        if (title[0].length != 0 && !Arrays.equals(title[0], clientTitle.get())) {
            return refuse(frame, RefusalReason.AUTHENTICATION_FAILED, client.sap(),
                    "general-glo-ciphering names another system title than the association's",
                    ErrorAnswers.exceptionResponse(ErrorAnswers.STATE_SERVICE_NOT_ALLOWED, ErrorAnswers.SERVICE_DECIPHERING_ERROR));
        }
        Admission admission = admitCiphered(ciphered, clientTitle.get(), client, false);
        if (admission.refusal().isPresent()) {
            return Optional.of(frame.answer(admission.refusal().get()));
        }
        byte[] plain = admission.plaintext().orElseThrow();
        if (ApduKind.of(plain) != ApduKind.PLAIN_REQUEST) {
            // Green Book 9.2.7.2.4: glo-ciphering protects an xDLMS service request (get, set, action), nothing else
            return refuse(frame, RefusalReason.MALFORMED_APDU, client.sap(), String.format("the ciphered APDU carries tag "
                    + "%02X; it must carry a get, set or action request", plain.length == 0 ? 0 : plain[0] & 0xFF),
                    ErrorAnswers.exceptionResponse(ErrorAnswers.STATE_SERVICE_UNKNOWN, ErrorAnswers.SERVICE_NOT_SUPPORTED));
        }
        if (!associated) {
            return process(frame, plain, true); // HLS pass 3: Gurux verifies it and answers pass 4 itself
        }
        // associated: Gurux serves the admitted plaintext and this connection protects the answer (Gurux's own
        // ciphering looks the JCE provider up twice per APDU and would decrypt what was already decrypted)
        return process(new WrapperFrame(frame.source(), frame.destination(), plain), plain, true,
                kind == ApduKind.GENERAL_GLO_CIPHERING ? Protection.GENERAL_GLO : Protection.GLO);
    }

    /** How an answer leaves: as Gurux made it, or protected by this connection (suite 0, SC 30h). */
    private enum Protection { AS_MADE, GLO, GENERAL_GLO }

    /** RLRQ: a ciphered association's release is Gurux's, with the ciphering it negotiated (RLRE user information). */
    private Optional<WrapperFrame> release(WrapperFrame frame) {
        restoreGuruxCiphering();
        return process(frame, frame.apdu(), false);
    }

    /** Gurux ciphers again (release, a new AARQ on this connection) with what it negotiated. */
    private void restoreGuruxCiphering() {
        negotiatedSecurity.ifPresent(security -> session.getCiphering().setSecurity(security));
        negotiatedSecurity = Optional.empty();
    }

    /** A ciphered APDU's plaintext once admitted, or the answer refusing it. */
    private record Admission(Optional<byte[]> plaintext, Optional<byte[]> refusal) {
        static Admission admitted(byte[] plaintext) {
            return new Admission(Optional.of(plaintext), Optional.empty());
        }

        static Admission refused(byte[] answer) {
            return new Admission(Optional.empty(), Optional.of(answer));
        }
    }

    /**
     * Checks a ciphered APDU of the management client: suite 0, authenticated and encrypted, tag valid
     * under the configured keys, counter not seen before. The refusal answer if it fails.
     */
    private Admission admitCiphered(CipheredApdu apdu, byte[] senderTitle, ClientKind client, boolean inAarq) {
        if (apdu.securityControl() != CipheredApdu.AUTHENTICATED_ENCRYPTED_SUITE_0) {
            refusals().refuse(RefusalReason.AUTHENTICATION_FAILED, client.sap(), remote, String.format(
                    "security control %02X; the management association takes only authenticated and encrypted "
                            + "suite 0 APDUs (30h)", apdu.securityControl()));
            return Admission.refused(inAarq ? ErrorAnswers.aareRejected(true, ErrorAnswers.DIAGNOSTIC_AUTHENTICATION_FAILURE)
                    : ErrorAnswers.exceptionResponse(ErrorAnswers.STATE_SERVICE_NOT_ALLOWED, ErrorAnswers.SERVICE_DECIPHERING_ERROR));
        }
        Optional<byte[]> plaintext = context.cipher().open(apdu, senderTitle);
        if (plaintext.isEmpty()) {
            refusals().refuse(RefusalReason.AUTHENTICATION_FAILED, client.sap(), remote,
                    "the authentication tag does not verify: the client uses another block cipher or authentication key "
                            + "(or another system title)");
            return Admission.refused(inAarq ? ErrorAnswers.aareRejected(true, ErrorAnswers.DIAGNOSTIC_AUTHENTICATION_FAILURE)
                    : ErrorAnswers.exceptionResponse(ErrorAnswers.STATE_SERVICE_NOT_ALLOWED, ErrorAnswers.SERVICE_DECIPHERING_ERROR));
        }
        ReplayGuard.Verdict verdict = context.replayGuard().accept(apdu.invocationCounter());
        if (verdict != ReplayGuard.Verdict.ACCEPTED) {
            long next = context.replayGuard().nextAcceptable();
            refusals().refuse(RefusalReason.REPLAYED_INVOCATION_COUNTER, client.sap(), remote, "invocation counter "
                    + apdu.invocationCounter() + (verdict == ReplayGuard.Verdict.REPLAYED ? " was used before" : " is too old")
                    + "; continue at " + next + " or above (readable in 0-0:43.1.0.255)");
            return Admission.refused(ErrorAnswers.invocationCounterError(next));
        }
        return Admission.admitted(plaintext.get());
    }

    private Refusals refusals() {
        return context.refusals();
    }

    /** Hands an admitted APDU to Gurux; {@code plain} is its plaintext, for the access pre-check of requests. */
    private Optional<WrapperFrame> process(WrapperFrame frame, byte[] plain, boolean isRequest) {
        return process(frame, plain, isRequest, Protection.AS_MADE);
    }

    private Optional<WrapperFrame> process(WrapperFrame frame, byte[] plain, boolean isRequest, Protection protection) {
        int sap = frame.source();
        // no service lock here: this connection's Gurux session is its own; the device calls inside it take the lock
        if (isRequest) {
            RequestTarget.of(plain).ifPresent(target -> session.serialised(() -> {
                checkAccess(target, sap);
                return null;
            }));
        }
        long first = context.sendCounter().take(SendCounter.PER_ANSWER);
        session.getCiphering().setInvocationCounter(first);
        byte[] reply;
        try {
            reply = session.handleRequest(frame.encode());
        } catch (Exception e) {
            reply = null;
            LOG.debug("Gurux failed on an APDU from {}: {}", remote, e.toString());
        }
        long used = session.getCiphering().getInvocationCounter() - first;
        if (used > SendCounter.PER_ANSWER) {
            // never seen: one request, one answer APDU; the counters above the block may be another answer's
            LOG.error("P3: one answer used {} invocation counters, more than the {} reserved: closing the connection", used,
                    SendCounter.PER_ANSWER);
            throw new IllegalStateException("invocation counter block overrun");
        }
        if (reply == null || reply.length <= WrapperFrame.HEADER_LENGTH) {
            return refuse(frame, RefusalReason.MALFORMED_APDU, sap, String.format(
                    "APDU tag %02X of %d bytes could not be processed", frame.apdu()[0] & 0xFF, frame.apdu().length),
                    ErrorAnswers.exceptionResponse(ErrorAnswers.STATE_SERVICE_UNKNOWN, ErrorAnswers.SERVICE_OTHER_REASON));
        }
        if (!associated && session.view().associated()) {
            associated = true;
            if (clientTitle.isPresent()) {
                // from now on Gurux sees admitted plaintext and answers in plaintext; answers are protected here
                negotiatedSecurity = Optional.of(session.getCiphering().getSecurity());
                session.getCiphering().setSecurity(Security.NONE);
            }
            refusals().associationOpened();
            LOG.info("P3 association opened: client SAP {} from {}", sap, remote);
        }
        if (isRequest) {
            refusals().requestServed();
        }
        byte[] apdu = new byte[reply.length - WrapperFrame.HEADER_LENGTH];
        System.arraycopy(reply, WrapperFrame.HEADER_LENGTH, apdu, 0, apdu.length);
        return Optional.of(frame.answer(protect(apdu, first, protection)));
    }

    /** Green Book 9.2.7.2.4: the answer APDU in glo- or general-glo-ciphering, under the server's counter {@code counter}. */
    private byte[] protect(byte[] apdu, long counter, Protection protection) {
        int tag = apdu[0] & 0xFF;
        int gloTag = ApduKind.gloTagOf(tag);
        if (protection == Protection.AS_MADE || gloTag < 0) {
            return apdu; // exception-response: never ciphered
        }
        byte[] title = context.settings().systemTitle().bytes();
        byte[] sealed = context.cipher().seal(apdu, title, counter);
        GXByteBuffer out = new GXByteBuffer(sealed.length + 16);
        if (protection == Protection.GENERAL_GLO) {
            out.setUInt8(ApduKind.GENERAL_GLO_CIPHERING_TAG);
            out.setUInt8(title.length);
            out.set(title);
        } else {
            out.setUInt8(gloTag);
        }
        GXCommon.setObjectCount(sealed.length, out); // A-XDR length
        out.set(sealed);
        return out.array();
    }

    /** Counts and logs a request the object list does not allow; Gurux answers it (read-write-denied / object-undefined). */
    private void checkAccess(RequestTarget target, int sap) {
        Optional<GXDLMSObject> object = session.view().find(ObjectType.forValue(target.classId()), target.logicalName());
        String refusal = null;
        if (object.isEmpty()) {
            refusal = target.describe() + ": the object is not in this client's object list";
        } else if (target.service() == ApduKind.ACTION_REQUEST) {
            if (session.view().methodAccess(object.get(), target.index()) == MethodAccessMode.NO_ACCESS) {
                refusal = target.describe() + ": no method access for this client";
            }
        } else {
            AccessMode access = session.view().attributeAccess(object.get(), target.index());
            boolean get = target.service() == ApduKind.GET_REQUEST;
            if (get ? !readable(access) : !writable(access)) {
                refusal = target.describe() + ": access is " + access + " for this client";
            }
        }
        if (refusal != null) {
            refusals().refuse(RefusalReason.ACCESS_DENIED, sap, remote, refusal);
        }
    }

    private static boolean readable(AccessMode access) {
        return access == AccessMode.READ || access == AccessMode.READ_WRITE || access == AccessMode.AUTHENTICATED_READ
                || access == AccessMode.AUTHENTICATED_READ_WRITE;
    }

    private static boolean writable(AccessMode access) {
        return access == AccessMode.WRITE || access == AccessMode.READ_WRITE || access == AccessMode.AUTHENTICATED_WRITE
                || access == AccessMode.AUTHENTICATED_READ_WRITE;
    }

    private Optional<WrapperFrame> refuse(WrapperFrame frame, RefusalReason reason, int sap, String why, ApduKind kind) {
        byte[] answer = kind == ApduKind.AARQ
                ? ErrorAnswers.aareRejected(false, ErrorAnswers.DIAGNOSTIC_NO_REASON_GIVEN)
                : ErrorAnswers.exceptionResponse(reason == RefusalReason.MALFORMED_APDU ? ErrorAnswers.STATE_SERVICE_UNKNOWN
                        : ErrorAnswers.STATE_SERVICE_NOT_ALLOWED,
                        reason == RefusalReason.MALFORMED_APDU ? ErrorAnswers.SERVICE_NOT_SUPPORTED
                                : ErrorAnswers.SERVICE_OPERATION_NOT_POSSIBLE);
        return refuse(frame, reason, sap, why, answer);
    }

    private Optional<WrapperFrame> refuse(WrapperFrame frame, RefusalReason reason, int sap, String why, byte[] answer) {
        refusals().refuse(reason, sap, remote, why);
        return Optional.of(frame.answer(answer));
    }
}
