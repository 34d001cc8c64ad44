package cn.shuangcheng.system.faults;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import cn.shuangcheng.support.testing.TestTokens;

/**
 * The suite's bearer tokens, signed again after a minute: a full run lasts longer than one test token lives, and a
 * 401 in the middle of a stream would be the suite's fault, not the system's.
 */
final class Tokens {

    private static final long RENEW_NANOS = 60_000_000_000L;
    private static final Map<String, Signed> SIGNED = new ConcurrentHashMap<>();

    private record Signed(String bearer, long at) {
    }

    private Tokens() {
    }

    static String writer() {
        return bearer("fault-suite", "projects:write");
    }

    static String intake() {
        return bearer("fault-intake", "intake:submit");
    }

    static String cadreWriter() {
        return bearer("fault-suite", "cadres:write");
    }

    static String admin() {
        return bearer("fault-admin", "reports:admin");
    }

    static String reader() {
        return bearer("fault-suite", "reports:read");
    }

    private static String bearer(String subject, String scope) {
        long now = System.nanoTime();
        return SIGNED.compute(subject + " " + scope, (key, signed) -> signed == null || now - signed.at() > RENEW_NANOS
                ? new Signed(TestTokens.bearer(subject, scope), now) : signed).bearer();
    }
}
