package org.p2gate.headend;

/**
 * A DLMS data-access-result / action-result (DLMS Green Book 9.3.6 / Blue Book: Data-Access-Result)
 * with its standard name and a text for a person that says what it means for a head-end.
 */
public record DlmsResult(int code, String name, String text) {

    /** The result of a code, with the standard name and an explanation. */
    public static DlmsResult of(int code) {
        return switch (code) {
            case 0 -> new DlmsResult(0, "success", "done");
            case 1 -> new DlmsResult(1, "hardware-fault", "the gateway reports a hardware fault; have it checked");
            case 2 -> new DlmsResult(2, "temporary-failure",
                    "the gateway cannot do this now (e.g. the channel is busy, not bound or the M-Bus device does"
                            + " not answer); try again later and check the channel's status");
            case 3 -> new DlmsResult(3, "read-write-denied",
                    "this association may not do this; use the management client (--client management)");
            case 4 -> new DlmsResult(4, "object-undefined",
                    "the gateway has no such object; check the channel number (1..4) and the OBIS code");
            case 9 -> new DlmsResult(9, "object-class-inconsistent", "the object has another interface class");
            case 11 -> new DlmsResult(11, "object-unavailable",
                    "the object exists but is not available; check that the channel is in use");
            case 12 -> new DlmsResult(12, "type-unmatched",
                    "the gateway expected another data type for this value; check the value given");
            case 13 -> new DlmsResult(13, "scope-of-access-violated",
                    "outside what this association may access; use the management client");
            case 14 -> new DlmsResult(14, "data-block-unavailable", "the data block is not available");
            case 15 -> new DlmsResult(15, "long-get-aborted", "the long read was aborted; try again");
            case 16 -> new DlmsResult(16, "no-long-get-in-progress", "no long read is in progress");
            case 17 -> new DlmsResult(17, "long-set-aborted", "the long write was aborted; try again");
            case 18 -> new DlmsResult(18, "no-long-set-in-progress", "no long write is in progress");
            case 19 -> new DlmsResult(19, "data-block-number-invalid", "an invalid data block number");
            case 250 -> new DlmsResult(250, "other-reason",
                    "the gateway refused it without a specific reason; check its log");
            default -> new DlmsResult(code, "result-" + code, "the gateway answered with result code " + code);
        };
    }

    /** Whether the operation succeeded. */
    public boolean success() {
        return code == 0;
    }

    /** The failure kind of a non-success result. */
    HeadEndException.Kind failureKind() {
        return switch (code) {
            case 4, 11 -> HeadEndException.Kind.OBJECT_MISSING;
            case 3, 13 -> HeadEndException.Kind.ACCESS_DENIED;
            case 2 -> HeadEndException.Kind.TEMPORARY_FAILURE;
            case 12 -> HeadEndException.Kind.TYPE_UNMATCHED;
            default -> HeadEndException.Kind.REFUSED;
        };
    }
}
