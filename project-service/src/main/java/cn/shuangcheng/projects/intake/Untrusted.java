package cn.shuangcheng.projects.intake;

/**
 * Strings from intake records and rows, as they may be logged: control and format characters (line breaks that
 * would forge log lines, terminal escapes, bidi overrides) become {@code ?}, and anything longer than
 * {@value #MAX_LOGGED} characters is cut, saying how long it was.
 */
final class Untrusted {

    static final int MAX_LOGGED = 200;

    private Untrusted() {
    }

    static String forLog(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        int length = text.length();
        StringBuilder safe = new StringBuilder(Math.min(length, MAX_LOGGED) + 24);
        int i = 0;
        while (i < length && safe.length() < MAX_LOGGED) {
            int c = text.codePointAt(i);
            int type = Character.getType(c);
            boolean unsafe = Character.isISOControl(c) || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
            if (unsafe) {
                safe.append('?');
            } else {
                safe.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        if (i < length) {
            safe.append("...(").append(length).append(" chars)");
        }
        return safe.toString();
    }
}
