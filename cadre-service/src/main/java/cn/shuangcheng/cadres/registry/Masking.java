package cn.shuangcheng.cadres.registry;

/**
 * How personal data looks to callers without {@code cadres:pii}: the first character, then one {@code *} for each
 * remaining character ({@code 蒲杰} → {@code 蒲*}, {@code 欧阳娜娜} → {@code 欧***}). Counted in code points, so that a
 * rare character outside the Basic Multilingual Plane is one character, not two.
 */
public final class Masking {

    /**
     * What stands in for the name and the personnel number of a person whose personal data was erased, for every
     * caller: it looks masked, and masks nothing.
     */
    public static final String ERASED = "***";

    private Masking() {
    }

    public static String mask(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        int first = value.codePointAt(0);
        int rest = value.codePointCount(0, value.length()) - 1;
        return new StringBuilder().appendCodePoint(first).append("*".repeat(rest)).toString();
    }
}
