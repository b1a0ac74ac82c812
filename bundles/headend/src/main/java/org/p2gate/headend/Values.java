package org.p2gate.headend;

import java.util.List;
import org.p2gate.headend.HeadEndException.Kind;

/** Checks the type of a value Gurux decoded from an answer, against the object model. */
final class Values {

    private Values() {}

    static long number(Object value, String what) throws HeadEndException {
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw unexpected(value, "a number", what);
    }

    static int integer(Object value, String what) throws HeadEndException {
        return (int) number(value, what);
    }

    static byte[] bytes(Object value, String what) throws HeadEndException {
        if (value instanceof byte[] b) {
            return b;
        }
        throw unexpected(value, "an octet-string", what);
    }

    static List<?> list(Object value, String what) throws HeadEndException {
        if (value instanceof List<?> l) {
            return l;
        }
        throw unexpected(value, "an array or structure", what);
    }

    static List<?> structure(Object value, int size, String what) throws HeadEndException {
        List<?> l = list(value, what);
        if (l.size() != size) {
            throw new HeadEndException(Kind.UNEXPECTED_ANSWER, what + ": a structure of " + size
                    + " elements was expected, the gateway sent " + l.size());
        }
        return l;
    }

    private static HeadEndException unexpected(Object value, String expected, String what) {
        return new HeadEndException(Kind.UNEXPECTED_ANSWER, what + ": " + expected + " was expected, the gateway sent "
                + (value == null ? "null-data" : value.getClass().getSimpleName()));
    }
}
