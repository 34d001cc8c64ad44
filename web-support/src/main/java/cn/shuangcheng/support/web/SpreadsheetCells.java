package cn.shuangcheng.support.web;

/**
 * Text from outside in a cell of a file a person opens in a spreadsheet program (CSV answers, xlsx reports, rejected
 * intake rows sent back): a text cell starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a CR, or
 * their full-width forms (which some spreadsheet programs in Chinese locales take for the same), gets a single quote
 * in front, as OWASP advises for CSV injection: the program shows the text instead of running it, and the quote tells
 * a reader it was neutralised.
 */
public final class SpreadsheetCells {

    private static final String FORMULA_STARTS = "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20";

    private SpreadsheetCells() {
    }

    public static String neutralised(String text) {
        return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
