package cn.shuangcheng.system.hostile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one channel (a REST service, an intake path, an event topic) made of the hostile inputs it was sent: how many
 * were tried, accepted, refused (4xx), failed (5xx, must be 0), parked (dead letters, rejections), and how many
 * refused inputs changed state anyway (must be 0) or were refused without a problem+json answer (must be 0); plus
 * the workers found dead afterwards (must be 0). The first
 * few offending inputs are kept, to be printed with the table.
 */
public final class ChannelTally {

    private static final Map<String, ChannelTally> ALL = new LinkedHashMap<>();

    final String channel;
    int tried;
    int accepted;
    int refused;
    int failed;
    int parked;
    int changedWhenRefused;
    int notProblemJson;
    int workersDied;
    final List<String> offenders = new ArrayList<>();

    private ChannelTally(String channel) {
        this.channel = channel;
    }

    public static synchronized ChannelTally of(String channel) {
        return ALL.computeIfAbsent(channel, ChannelTally::new);
    }

    /** A REST answer: as {@link #answered(int, String, String, boolean)}, and a refusal must be problem+json. */
    public synchronized void answered(Http.Answer answer, String input, String body, boolean changed) {
        if (answer.status() >= 400 && answer.status() < 500 && !answer.isProblem()) {
            notProblemJson++;
            offend(answer.status() + " " + answer.contentType() + " (not problem+json) for " + input + " -> " + body);
        }
        answered(answer.status(), input, body, changed);
    }

    public synchronized void answered(int status, String input, String body, boolean changed) {
        tried++;
        if (status >= 500) {
            failed++;
            offend(status + " for " + input + " -> " + body);
        } else if (status >= 400) {
            refused++;
            if (changed) {
                changedWhenRefused++;
                offend("refused but changed state: " + input);
            }
        } else {
            accepted++;
        }
    }

    public synchronized void offend(String what) {
        if (offenders.size() < 5) {
            offenders.add(what.length() > 300 ? what.substring(0, 300) + "…" : what);
        }
    }

    public synchronized void add(int tried, int accepted, int parked, int changedWhenRefused) {
        this.tried += tried;
        this.accepted += accepted;
        this.parked += parked;
        this.changedWhenRefused += changedWhenRefused;
    }

    public synchronized void workersDied(int count) {
        workersDied += count;
    }

    public synchronized boolean clean() {
        return failed == 0 && changedWhenRefused == 0 && notProblemJson == 0 && workersDied == 0;
    }

    /** The table of every channel so far. */
    public static synchronized String table() {
        StringBuilder out = new StringBuilder(String.format("%n%-28s %7s %8s %7s %5s %7s %14s %9s %12s%n",
                "channel", "tried", "accepted", "4xx", "5xx", "parked", "refused+changed", "not-problem", "workers died"));
        for (ChannelTally t : ALL.values()) {
            out.append(String.format("%-28s %7d %8d %7d %5d %7d %14d %9d %12d%n", t.channel, t.tried, t.accepted,
                    t.refused, t.failed, t.parked, t.changedWhenRefused, t.notProblemJson, t.workersDied));
            t.offenders.forEach(o -> out.append("    ").append(o).append('\n'));
        }
        return out.toString();
    }
}
