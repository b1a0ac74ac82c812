package org.p2gate.headend;

import gurux.dlms.enums.ObjectType;
import gurux.dlms.objects.GXDLMSCaptureObject;
import gurux.dlms.objects.GXDLMSObject;
import gurux.dlms.objects.GXDLMSProfileGeneric;
import java.util.List;
import java.util.Map;
import org.p2gate.headend.HeadEndException.Kind;

/** The logical names of the M-Bus objects per channel (P2 4.2.2 Appendix A; DSMR P3). */
final class Obis {

    private Obis() {}

    static String clientSetup(int channel) {
        return "0." + check(channel) + ".24.1.0.255";
    }

    static String value(int channel) {
        return "0." + check(channel) + ".24.2.1.255";
    }

    static String profile(int channel) {
        return "0." + check(channel) + ".24.3.0.255";
    }

    static String equipmentIdentifier(int channel) {
        return "0." + check(channel) + ".96.1.0.255";
    }

    private static int check(int channel) {
        if (channel < 1 || channel > HeadEndClient.CHANNELS) {
            throw new IllegalArgumentException("an M-Bus channel is 1..4, got " + channel);
        }
        return channel;
    }

    /** A 6-byte logical name as A.B.C.D.E.F. */
    static String name(byte[] ln) throws HeadEndException {
        if (ln.length != 6) {
            throw new HeadEndException(Kind.UNEXPECTED_ANSWER, "a logical name has 6 bytes, got " + ln.length);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            out.append(i == 0 ? "" : ".").append(ln[i] & 0xFF);
        }
        return out.toString();
    }

    /** The profile's columns must be {clock, value status, value, value capture time} of the channel. */
    static void checkProfileColumns(GXDLMSProfileGeneric pg) throws HeadEndException {
        String channel = pg.getLogicalName().split("\\.")[1];
        String value = "0." + channel + ".24.2.1.255";
        List<Map.Entry<GXDLMSObject, GXDLMSCaptureObject>> expected = List.of(
                column(ObjectType.CLOCK, "0.0.1.0.0.255", 2), column(ObjectType.EXTENDED_REGISTER, value, 4),
                column(ObjectType.EXTENDED_REGISTER, value, 2), column(ObjectType.EXTENDED_REGISTER, value, 5));
        var actual = pg.getCaptureObjects();
        boolean same = actual.size() == expected.size();
        for (int i = 0; same && i < actual.size(); i++) {
            var a = actual.get(i);
            var e = expected.get(i);
            same = a.getKey().getObjectType() == e.getKey().getObjectType()
                    && a.getKey().getLogicalName().equals(e.getKey().getLogicalName())
                    && a.getValue().getAttributeIndex() == e.getValue().getAttributeIndex();
        }
        if (!same) {
            throw new HeadEndException(Kind.UNEXPECTED_ANSWER, "the profile " + pg.getLogicalName()
                    + " captures other objects than clock, status, value and capture time of " + value);
        }
    }

    private static Map.Entry<GXDLMSObject, GXDLMSCaptureObject> column(ObjectType type, String ln, int attribute) {
        GXDLMSObject object = new GXDLMSObject();
        object.setObjectType(type);
        object.setLogicalName(ln);
        return Map.entry(object, new GXDLMSCaptureObject(attribute, 0));
    }
}
