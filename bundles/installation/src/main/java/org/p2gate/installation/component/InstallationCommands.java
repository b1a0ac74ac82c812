package org.p2gate.installation.component;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.p2gate.installation.ChannelProgress;
import org.p2gate.installation.EventResult;
import org.p2gate.installation.Installation;
import org.p2gate.installation.InstallationStatus;
import org.p2gate.mbus.wireless.InstallationCandidate;

/**
 * The operator's entry points as Gogo commands ({@code installation:start}, {@code stop}, {@code list},
 * {@code select <digits>}): plain public methods returning text, found by the shell through the service properties
 * {@code osgi.command.scope} and {@code osgi.command.function}; no shell API is needed to compile. Start and stop
 * stand for removing and replacing the M-Bus cover (P2 4.2.2 §8.1), which a gateway does not have.
 */
public final class InstallationCommands {

    static final String SCOPE = "installation";
    static final String[] FUNCTIONS = {"start", "stop", "list", "select"};
    /** How long a command waits for the installation's answer (a scheduler task; seconds unless the clock stands still). */
    private static final long WAIT_SECONDS = 10;

    private final Installation installation;

    public InstallationCommands(Installation installation) {
        this.installation = installation;
    }

    /** Installation mode on for one hour (the M-Bus cover removed). */
    public String start() {
        return answer(installation.coverRemoved());
    }

    /** Installation mode off (the M-Bus cover replaced). */
    public String stop() {
        return answer(installation.coverReplaced());
    }

    /** The mode, the channels installed, the wireless devices heard (the E-meter's display). */
    public String list() {
        InstallationStatus s = installation.status();
        StringBuilder out = new StringBuilder("installation mode: ").append(s.mode());
        s.trigger().ifPresent(t -> out.append(" (").append(t).append(')'));
        s.endsAt().ifPresent(e -> out.append(", until ").append(e));
        out.append('\n');
        for (ChannelProgress p : s.channels()) {
            out.append("  ").append(p.channel()).append(": device ").append(p.mode()).append(", tasks ").append(p.step())
                    .append(" (").append(p.detail()).append(")\n");
        }
        if (s.candidates().isEmpty()) {
            out.append("  no wireless installation requests heard").append('\n');
        }
        for (InstallationCandidate c : s.candidates()) {
            out.append("  ").append(c.display()).append("  ").append(c.shortId()).append("  ").append(c.rssiDbm())
                    .append(" dBm  last ").append(c.lastSeen()).append('\n');
        }
        if (s.rejected() > 0) {
            out.append("  rejected events: ").append(installation.rejections()).append('\n');
        }
        return out.toString();
    }

    /** Selects the listed wireless device showing {@code shown} (the button, P2 §8.4.2.2 step 5). */
    public String select(String shown) {
        return answer(installation.select(shown));
    }

    private static String answer(CompletableFuture<EventResult> future) {
        try {
            EventResult r = future.get(WAIT_SECONDS, TimeUnit.SECONDS);
            return (r.accepted() ? "ok: " : "rejected: ") + r.detail() + " (" + r.before() + " -> " + r.after() + ")";
        } catch (TimeoutException e) {
            return "queued: no answer within " + WAIT_SECONDS + " s (is the gateway on a virtual clock that stands still?)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException e) {
            return "failed: " + e.getCause();
        }
    }
}
