package org.p2gate.cosem.mbus;

import gurux.dlms.ValueEventArgs;
import gurux.dlms.enums.ErrorCode;
import java.util.concurrent.CompletableFuture;
import org.p2gate.master.CommandResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DLMS result of a master operation started by a COSEM method or write. Operations on the M-Bus
 * take seconds to hours (a scan, the next wireless access cycle), so the request is answered as soon as
 * the operation is queued: success, unless the master refused it at once (then the refusal, mapped to the
 * closest DLMS data-access-result); the outcome is logged and shows in the attributes and events.
 */
final class MethodResults {

    private static final Logger LOG = LoggerFactory.getLogger(MethodResults.class);

    private MethodResults() {}

    /** Answers {@code e} from {@code operation}: refused now, or queued (success). */
    static void answer(ValueEventArgs e, String what, CompletableFuture<CommandResult> operation) {
        e.setHandled(true);
        if (operation.isDone() && !operation.isCompletedExceptionally() && !operation.join().done()) {
            CommandResult refused = operation.join();
            LOG.warn("P3 {}: refused: {}", what, refused.detail());
            e.setError(ErrorCode.OTHER_REASON); // a precondition of the master's (e.g. the device has a user key)
            return;
        }
        operation.whenComplete((result, error) -> {
            if (error != null) {
                LOG.warn("P3 {}: failed: {}", what, error.toString());
            } else if (result.done()) {
                LOG.info("P3 {}: {}", what, result.detail());
            } else {
                LOG.warn("P3 {}: {}: {}", what, result.outcome(), result.detail());
            }
        });
    }

    /** Refused before it reaches the master: {@code error}, with the reason logged. */
    static void refuse(ValueEventArgs e, String what, ErrorCode error, String why) {
        LOG.warn("P3 {}: refused ({}): {}", what, error, why);
        e.setError(error);
        e.setHandled(true);
    }

    /** A parameter of the wrong type or size. */
    static void typeUnmatched(ValueEventArgs e, String what, String why) {
        refuse(e, what, ErrorCode.UNMATCHED_TYPE, why);
    }
}
