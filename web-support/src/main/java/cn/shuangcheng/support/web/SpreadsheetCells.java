package cn.shuangcheng.support.web;

import cn.shuangcheng.support.web.bounds.WellFormedText;

/**
 * Text from outside in a cell of a file a person opens in a spreadsheet program (CSV answers, xlsx reports, rejected
 * intake rows sent back): a text cell starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a CR, or
 * their full-width forms (which some spreadsheet programs in Chinese locales take for the same), gets a single quote
 * in front, as OWASP advises for CSV injection: the program shows the text instead of running it, and the quote tells
 * a reader it was neutralised. Half of a surrogate pair (stored text a request brought in escaped) becomes U+FFFD:
 * the rejected rows' CSV writer failed half way through a download that had already answered 200 (others wrote ?).
 */
public final class SpreadsheetCells {

    private static final String FORMULA_STARTS = "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20";

    private SpreadsheetCells() {
    }

    public static String neutralised(String text) {
        String cell = WellFormedText.repaired(text);
        return !cell.isEmpty() && FORMULA_STARTS.indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }
}
