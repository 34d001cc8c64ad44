package cn.shuangcheng.kernel;

/**
 * The bounds every request body, CSV cell and Kafka intake record is held to (the API contract's Conventions):
 * beyond them the input is refused with 422 and nothing is stored. They exist so that no value a caller can send
 * makes a sum overflow, a read model grow without end, or a worker spend its memory on one input.
 */
public final class Bounds {

    /** The largest amount in integer yuan: 10^14 (1,000,000亿元); a sum of 90,000 of them still fits a long. */
    public static final long MAX_YUAN = 100_000_000_000_000L;
    /** Names and titles (projects, units, milestones, indicators, three-lists titles). */
    public static final int MAX_NAME = 200;
    /** Summaries, notes, descriptions and reasons. */
    public static final int MAX_TEXT = 4_000;
    /** Entries of any list in a body: regions, units, project ids, indicators, milestones. */
    public static final int MAX_LIST = 100;
    /** Significant digits of a decimal (indicator values), and digits after its point. */
    public static final int MAX_DECIMAL_DIGITS = 18;
    public static final int MAX_DECIMAL_SCALE = 6;
    /** The highest page number of any list, and the largest page. */
    public static final int MAX_PAGE = 10_000;
    public static final int MAX_PAGE_SIZE = 500;
    /**
     * Years of dates and months: four digits, as the events' {@code YYYY-MM-DD} text and the published schemas'
     * {@code date} format have them (a year beyond 9999 is written {@code +10000-01-01}).
     */
    public static final int MIN_YEAR = 1;
    public static final int MAX_YEAR = 9999;

    private Bounds() {
    }
}
