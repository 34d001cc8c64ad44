package cn.shuangcheng.support.web;

/** An If-Match header that is not a single version entity tag; answered with 400. */
public class MalformedIfMatchException extends RuntimeException {

    public MalformedIfMatchException(String header) {
        super("If-Match must be a single version such as \"3\", not: " + abbreviate(header));
    }

    private static String abbreviate(String header) {
        return header.length() <= 40 ? header : header.substring(0, 40) + "…";
    }
}
