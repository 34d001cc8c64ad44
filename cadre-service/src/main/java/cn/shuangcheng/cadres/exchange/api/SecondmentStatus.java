package cn.shuangcheng.cadres.exchange.api;

/**
 * Where a secondment stands: REGISTERED (sent, not yet arrived) → ON_POST (arrived) → COMPLETED; or ENDED_EARLY
 * from REGISTERED or ON_POST. COMPLETED and ENDED_EARLY close it.
 */
public enum SecondmentStatus {
    REGISTERED,
    ON_POST,
    COMPLETED,
    ENDED_EARLY;

    public boolean isClosed() {
        return this == COMPLETED || this == ENDED_EARLY;
    }
}
