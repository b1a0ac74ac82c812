package org.p2gate.cosem.mbus;

import gurux.dlms.ValueEventArgs;
import gurux.dlms.enums.AccessMode;
import gurux.dlms.enums.ErrorCode;
import gurux.dlms.enums.ObjectType;
import gurux.dlms.objects.GXDLMSCaptureObject;
import gurux.dlms.objects.GXDLMSObject;
import gurux.dlms.objects.GXDLMSProfileGeneric;
import gurux.dlms.objects.enums.SortMethod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.p2gate.cosem.ClientKind;

/**
 * A profile generic (class 7) whose buffer comes from the master's stored history (never from a Gurux
 * capture timer): the buffer (attribute 2) and entries_in_use (7) are answered here, with selective
 * access by range and by entry done as the standard says; the other attributes are Gurux's.
 */
abstract class ProfileObject implements CosemObject {

    private static final int BUFFER = 2;
    private static final int ENTRIES_IN_USE = 7;

    private final GXDLMSProfileGeneric profile;

    ProfileObject(String logicalName, long capturePeriod, int entries) {
        profile = new GXDLMSProfileGeneric(logicalName);
        profile.setCapturePeriod(capturePeriod);
        profile.setProfileEntries(entries);
        profile.setSortMethod(SortMethod.FIFO);
    }

    /** Adds a capture object (a column), in order. */
    final void capture(GXDLMSObject object, int attribute) {
        profile.addCaptureObject(object, attribute, 0);
    }

    /** The rows now, oldest first, at most profile_entries of them. */
    abstract List<ProfileRow> rows();

    @Override
    public final GXDLMSObject object() {
        return profile;
    }

    @Override
    public AccessMode access(ClientKind kind, int index) {
        return CosemObject.readOnly(kind == ClientKind.MANAGEMENT);
    }

    @Override
    public final void read(ValueEventArgs e) {
        if (e.getIndex() == ENTRIES_IN_USE) {
            answer(e, new Axdr().raw(doubleLongUnsigned(rows().size())).bytes());
        } else if (e.getIndex() == BUFFER) {
            List<ProfileRow> rows = rows();
            Optional<ProfileSelection> selection = selection(e, rows);
            if (selection.isEmpty()) {
                e.setError(ErrorCode.OTHER_REASON);
                e.setHandled(true);
                return;
            }
            answer(e, selection.get().encode(rows));
        }
    }

    private Optional<ProfileSelection> selection(ValueEventArgs e, List<ProfileRow> rows) {
        int columns = profile.getCaptureObjects().size();
        if (e.getSelector() == 0) {
            return Optional.of(ProfileSelection.all(rows.size(), columns));
        }
        if (!(e.getParameters() instanceof List<?> p)) {
            return Optional.empty();
        }
        if (e.getSelector() == 2 && p.size() == 4 && p.stream().allMatch(Number.class::isInstance)) {
            return ProfileSelection.byEntry(((Number) p.get(0)).longValue(), ((Number) p.get(1)).longValue(),
                    ((Number) p.get(2)).intValue(), ((Number) p.get(3)).intValue(), rows.size(), columns);
        }
        if (e.getSelector() == 1 && p.size() == 4 && p.get(1) instanceof byte[] from && p.get(2) instanceof byte[] to) {
            Optional<Instant> start = CosemDateTime.decode(from);
            Optional<Instant> end = CosemDateTime.decode(to);
            Optional<List<Integer>> selected = columns(p.get(3), columns);
            if (start.isEmpty() || end.isEmpty() || selected.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(ProfileSelection.byRange(rows, start.get(), end.get(), selected.get()));
        }
        return Optional.empty();
    }

    /** The columns of a range selection's selected_values (capture-object definitions); all when empty. */
    private Optional<List<Integer>> columns(Object selectedValues, int columns) {
        if (!(selectedValues instanceof List<?> values) || values.isEmpty()) {
            return Optional.of(ProfileSelection.range(0, columns));
        }
        List<Map.Entry<GXDLMSObject, GXDLMSCaptureObject>> captured = profile.getCaptureObjects();
        List<Integer> out = new ArrayList<>();
        for (Object value : values) {
            if (!(value instanceof List<?> d) || d.size() < 3 || !(d.get(0) instanceof Number type)
                    || !(d.get(1) instanceof byte[] ln) || !(d.get(2) instanceof Number attribute)) {
                return Optional.empty();
            }
            int column = -1;
            for (int i = 0; i < captured.size(); i++) {
                GXDLMSObject o = captured.get(i).getKey();
                if (o.getObjectType() == ObjectType.forValue(type.intValue()) && o.getLogicalName().equals(logicalName(ln))
                        && captured.get(i).getValue().getAttributeIndex() == attribute.intValue()) {
                    column = i;
                }
            }
            if (column < 0) {
                return Optional.empty();
            }
            out.add(column);
        }
        return Optional.of(out);
    }

    private static String logicalName(byte[] ln) {
        StringBuilder s = new StringBuilder();
        for (byte b : ln) {
            s.append(s.length() == 0 ? "" : ".").append(b & 0xFF);
        }
        return s.toString();
    }

    static byte[] doubleLongUnsigned(long value) {
        return new Axdr().integral(java.math.BigInteger.valueOf(value)).bytes();
    }

    static void answer(ValueEventArgs e, byte[] encoded) {
        e.setValue(encoded);
        e.setByteArray(true);
        e.setHandled(true);
    }
}
