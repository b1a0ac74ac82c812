package org.p2gate.installation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.p2gate.mbus.DecodeException;
import org.p2gate.mbus.frame.LongFrame;
import org.p2gate.mbus.frame.ShortFrame;
import org.p2gate.mbus.frame.SingleCharacter;
import org.p2gate.mbus.frame.WiredFrame;
import org.p2gate.mbus.frame.WiredStreamParser;
import org.p2gate.mbus.wired.WiredTransport;

/**
 * The master's end of the wire, recording every request the master sends and the answer that came back to it,
 * as short texts ("SND_NKE 0", "E5", "SND_UD 0 CI 51 set address 1", "RSP_UD 1 CI 72"). Key transfer data is
 * never written out (test helper).
 */
final class RecordingTransport implements WiredTransport {

    /** One request and what answered it (empty: silence). */
    record Exchange(String request, Optional<String> answer) {
        @Override
        public String toString() {
            return request + " -> " + answer.orElse("(silence)");
        }
    }

    private final WiredTransport delegate;
    private final List<String> requests = new ArrayList<>();
    private final List<Optional<String>> answers = new ArrayList<>();
    private final WiredStreamParser sent = new WiredStreamParser(listener(true));
    private final WiredStreamParser received = new WiredStreamParser(listener(false));

    RecordingTransport(WiredTransport delegate) {
        this.delegate = delegate;
    }

    private WiredStreamParser.Listener listener(boolean request) {
        return new WiredStreamParser.Listener() {
            @Override
            public void frame(WiredFrame frame) {
                synchronized (RecordingTransport.this) {
                    if (request) {
                        requests.add(describe(frame));
                        answers.add(Optional.empty());
                    } else if (!answers.isEmpty()) {
                        int last = answers.size() - 1;
                        answers.set(last, Optional.of(answers.get(last).map(a -> a + " + ").orElse("") + describe(frame)));
                    }
                }
            }

            @Override
            public void noise(int count) {
            }

            @Override
            public void invalid(DecodeException error) {
            }
        };
    }

    /** Every exchange so far, in order. */
    synchronized List<Exchange> exchanges() {
        List<Exchange> out = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            out.add(new Exchange(requests.get(i), answers.get(i)));
        }
        return out;
    }

    /** The exchanges a device answered (the silent probes of empty addresses left out), as "request -> answer". */
    synchronized List<String> answered() {
        return exchanges().stream().filter(e -> e.answer().isPresent()).map(Exchange::toString).toList();
    }

    /** How many times {@code request} was sent. */
    synchronized long count(String request) {
        return requests.stream().filter(request::equals).count();
    }

    synchronized int size() {
        return requests.size();
    }

    static String describe(WiredFrame frame) {
        if (frame instanceof SingleCharacter) {
            return "E5";
        }
        if (frame instanceof ShortFrame s) {
            return s.c().wiredFunction().map(Enum::name).orElse(s.c().toString()) + " " + s.address();
        }
        LongFrame l = (LongFrame) frame;
        String function = l.c().functionCode() == 0x08 ? "RSP_UD"
                : l.c().wiredFunction().map(Enum::name).orElse(l.c().toString());
        String text = function + " " + l.address() + " CI " + HexFormat.of().withUpperCase().toHexDigits((byte) l.ci());
        byte[] data = l.data();
        if (l.ci() == 0x51 && data.length == 3 && data[0] == 0x01 && data[1] == 0x7A) {
            text += " set address " + (data[2] & 0xFF); // P2 §6.2.2: DIF 01 VIF 7A address
        }
        return text;
    }

    @Override
    public void open(Receiver receiver) throws IOException {
        delegate.open(new Receiver() {
            @Override
            public void received(byte[] bytes, int offset, int length) {
                synchronized (RecordingTransport.this) {
                    RecordingTransport.this.received.feed(bytes, offset, length);
                }
                receiver.received(bytes, offset, length);
            }

            @Override
            public void failed(IOException cause) {
                receiver.failed(cause);
            }
        });
    }

    @Override
    public void send(byte[] bytes) throws IOException {
        synchronized (this) {
            sent.feed(bytes, 0, bytes.length);
        }
        delegate.send(bytes);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String describe() {
        return "recording " + delegate.describe();
    }
}
