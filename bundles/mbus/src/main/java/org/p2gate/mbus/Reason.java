package org.p2gate.mbus;

/** What kind of defect a {@link DecodeException} reports; stable codes for counters and tools. */
public enum Reason {
    /** The input ends before the structure does. */
    TRUNCATED,
    /** No start byte (wired 10h/68h/E5h) where one must be. */
    NO_START,
    /** A length field disagrees with itself (68 L L 68) or with the bytes present, or exceeds a limit. */
    BAD_LENGTH,
    /** The FT1.2 arithmetic checksum does not match. */
    BAD_CHECKSUM,
    /** No stop byte 16h where one must be. */
    NO_STOP,
    /** A wireless block's CRC-16 does not match. */
    BAD_CRC,
    /** A C-field this library does not know. */
    UNKNOWN_C,
    /** A CI-field this library does not know. */
    UNKNOWN_CI,
    /** A header field is malformed (e.g. a manufacturer code that does not pack three letters). */
    BAD_HEADER,
    /** A data record is malformed (DIF/VIF structure). */
    BAD_RECORD,
    /** More than 10 DIFEs in one record (EN 13757-3). */
    TOO_MANY_DIFES,
    /** More than 10 VIFEs in one record (EN 13757-3). */
    TOO_MANY_VIFES,
    /** A value that is not valid for its data type (e.g. a BCD nibble above 9, a date out of range). */
    BAD_VALUE,
    /** Well-formed, but a feature this library does not implement. */
    UNSUPPORTED,
    /** The message is encrypted and no key was given. */
    NO_KEY,
    /** Decryption failed: wrong key, or not a multiple of the block size. */
    DECRYPTION_FAILED,
    /** After decryption the 2Fh 2Fh filler is not there: the key is wrong or the data was altered. */
    BAD_FILLER,
    /** A message authentication code does not verify. */
    BAD_MAC,
    /** A C/CI combination that DSMR P2 4.2.2 Tables 5 and 6 do not allow in this direction and medium. */
    NOT_ALLOWED
}
