package cn.shuangcheng.reporting.readmodel.api;

import java.util.List;

/** A page of a list, as every list of the API answers: {@code {items, page, size, total}}. */
public record Page<T>(List<T> items, int page, int size, long total) {

    /** docs/api-guide.md, "Lists" and "Bounds": {@code page} at most 10,000, {@code size} at most 500 (422 beyond). */
    public static final int MAX_PAGE = 10_000;
    public static final int MAX_SIZE = 500;

    /** How many items come before the page, computed in long: {@code page * size} in int can overflow. */
    public static int skip(int page, int size) {
        long skip = (long) page * size;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, skip));
    }
}
