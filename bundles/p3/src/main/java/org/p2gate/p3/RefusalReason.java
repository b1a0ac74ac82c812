package org.p2gate.p3;

/** Why the P3 server refused a connection, an association or a request. Each is logged and counted. */
public enum RefusalReason {
    /** The wrapper's source address is neither the public (16) nor the management (1) client, or the destination is not the logical device. */
    UNKNOWN_CLIENT,
    /** The management client's AARQ or a ciphered APDU did not authenticate (wrong key, wrong system title, forged tag). */
    AUTHENTICATION_FAILED,
    /** The object or attribute or method is not in this client's association object list, or not with this access. */
    ACCESS_DENIED,
    /** A plaintext xDLMS request (get/set/action) on the management client, whose association is ciphered. */
    PLAINTEXT_IN_CIPHERED_ASSOCIATION,
    /** A ciphered APDU whose invocation counter was accepted before or is older than the server accepts. */
    REPLAYED_INVOCATION_COUNTER,
    /** An APDU the server cannot parse (unknown tag, truncated, bad length). */
    MALFORMED_APDU,
    /** A wrapper header with a wrong version or a length beyond the largest APDU: the connection is closed. */
    MALFORMED_WRAPPER,
    /** More concurrent connections than the settings allow: the new connection is closed at once. */
    TOO_MANY_ASSOCIATIONS
}
