package cn.shuangcheng.projects.intake.api;

import cn.shuangcheng.kernel.Bounds;

/**
 * docs/api-guide.md, "Bounds": the bounds of an intake item beyond those of every body ({@link Bounds}), whichever
 * way it came in; beyond them the row is rejected and nothing is stored. Also the limits of the streaming readers,
 * so that one request's memory is bounded by the row limit and not by the body.
 */
public final class IntakeBounds {

    /** Rows in one batch at most; the body limit for this path (application.yml) is set to fit them. */
    public static final int MAX_ROWS = 10_000;
    /**
     * JSON tokens in one row at most: a row at every list bound (100 investments, 100 milestones, 100 regions and
     * units) has about 1,000. A row beyond it is not kept: it is rejected as too large.
     */
    public static final int MAX_ROW_TOKENS = 2_000;
    /**
     * Reasons a rejected row lists at most, the first by field; one more says how many were left out. A row of 1,900
     * blank regions breaks one rule 1,900 times: listed whole, its outcome would be a hundred times the row, and its
     * rejection on Kafka larger than the topic takes.
     */
    public static final int MAX_ROW_ERRORS = 20;
    /** Characters of one row's JSON at most: a row at every bound is well under it. */
    public static final int MAX_ROW_CHARS = 100_000;
    /** Longest string or cell: a name is at most 200 characters, a CSV list cell of 100 milestones a little more. */
    public static final int MAX_STRING = 40_000;
    /** Longest field name: the item's own are short. */
    public static final int MAX_NAME = 100;
    /** Digits of a number: 10^14 has 15; 40 leaves room for a clear "out of bounds" instead of a parse error. */
    public static final int MAX_NUMBER = 40;
    /** {"items": [ {"milestones": [ {...} ] } ]}: four levels; a little room for a row that is wrong. */
    public static final int MAX_DEPTH = 8;

    private IntakeBounds() {
    }
}
