package cn.shuangcheng.projects.intake.api;

/**
 * docs/api-guide.md, "Bounds": the bounds of an intake item, whichever way it came in; beyond them the row is rejected
 * and nothing is stored. Also the limits of the streaming readers, so that one request's memory is bounded by the row
 * limit and not by the body.
 */
public final class IntakeBounds {

    /** 10^14 yuan: sums of many projects' amounts stay far from {@code Long.MAX_VALUE}, exact in every read model. */
    public static final long MAX_YUAN = 100_000_000_000_000L;
    public static final int NAME = 200;
    public static final int LIST = 100;
    /** Rows in one batch at most; the body limit for this path (application.yml) is set to fit them. */
    public static final int MAX_ROWS = 10_000;
    /**
     * JSON tokens in one row at most: a row at every list bound (100 investments, 100 milestones, 100 regions and
     * units) has about 1,000. A row beyond it is not kept: it is rejected as too large.
     */
    public static final int MAX_ROW_TOKENS = 2_000;
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
