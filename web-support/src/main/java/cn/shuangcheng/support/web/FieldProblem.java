package cn.shuangcheng.support.web;

/**
 * One entry of a problem's {@code errors} list: the request field (a JSON path such as
 * {@code regions[1]} or {@code investments[0].period}, or a parameter name) and what is wrong with it.
 */
public record FieldProblem(String field, String message) {
}
