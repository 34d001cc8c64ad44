package cn.shuangcheng.support.web;

import cn.shuangcheng.support.json.JsonPaths;
import java.util.Arrays;
import java.util.List;

import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;

import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.support.outage.Causes;
import cn.shuangcheng.support.web.bounds.WellFormedText;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The problem for a request body that could not be read: too large (413), not JSON or beyond the read limits (400),
 * a value of the wrong type (400 naming the field by its JSON path, {@code investments[1].period}), or a value a
 * domain type refused while it was being built (422). Jackson's message is never shown: it names our classes.
 */
final class UnreadableBodyProblems {

    private UnreadableBodyProblems() {
    }

    static ProblemDetail of(HttpMessageNotReadableException ex) {
        RequestBodyTooLargeException tooLarge = Causes.firstOf(ex, RequestBodyTooLargeException.class);
        if (tooLarge != null) {
            return RequestBodyLimitFilter.tooLarge(tooLarge.limitBytes());
        }
        RuleViolatedException rule = Causes.firstOf(ex, RuleViolatedException.class);
        if (rule != null) {
            JacksonException jackson = Causes.firstOf(ex, JacksonException.class);
            String field = rule.field() != null ? rule.field() : jackson != null ? JsonPaths.of(jackson) : null;
            return DomainProblems.ruleViolated(rule, field);
        }
        if (Causes.anyMatch(ex, StreamConstraintsException.class::isInstance)) {
            return Problems.of(ProblemKind.MALFORMED_REQUEST, Problems.text("problem.detail.body-too-deep"));
        }
        InputCoercionException outOfRange = Causes.firstOf(ex, InputCoercionException.class);
        if (outOfRange != null) {
            return wrongType(outOfRange, Problems.text("problem.field.out-of-range"));
        }
        StreamReadException unreadable = Causes.firstOf(ex, StreamReadException.class);
        if (unreadable != null) {
            boolean duplicate = unreadable.getOriginalMessage() != null
                    && unreadable.getOriginalMessage().startsWith("Duplicate");
            return Problems.of(ProblemKind.MALFORMED_REQUEST, duplicate
                    ? Problems.text("problem.detail.body-duplicate-field")
                    : Problems.text("problem.detail.body-not-json"));
        }
        DatabindException binding = Causes.firstOf(ex, DatabindException.class);
        if (binding != null) {
            return wrongType(binding, bindingMessage(binding));
        }
        return Problems.of(ProblemKind.MALFORMED_REQUEST, Problems.text("problem.detail.body-unreadable"));
    }

    private static ProblemDetail wrongType(JacksonException ex, String message) {
        String field = JsonPaths.of(ex);
        return Problems.of(ProblemKind.INVALID_REQUEST, Problems.text("problem.detail.body-wrong-type"),
                List.of(new FieldProblem(field.isEmpty() ? "$" : field, message)));
    }

    private static String bindingMessage(DatabindException binding) {
        if (binding instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return Problems.text("problem.field.one-of", Arrays.toString(invalid.getTargetType().getEnumConstants()));
        }
        if (binding instanceof InvalidFormatException invalid && invalid.getValue() instanceof String text
                && !WellFormedText.holds(text)) {
            return Problems.text("problem.field.well-formed-text");
        }
        if (binding instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return mustBe(mismatched.getTargetType());
        }
        return Problems.text("problem.field.invalid");
    }

    /** "must be a number" and its kin, in the request's language (problem.field.* in messages.properties). */
    static String mustBe(Class<?> type) {
        if (type.isEnum()) {
            return Problems.text("problem.field.one-of", Arrays.toString(type.getEnumConstants()));
        }
        if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
            return Problems.text("problem.field.an-array");
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class && type != char.class)) {
            return Problems.text("problem.field.a-number");
        }
        if (type == Boolean.class || type == boolean.class) {
            return Problems.text("problem.field.a-boolean");
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return Problems.text("problem.field.a-string");
        }
        String name = type.getSimpleName();
        return switch (name) {
            case "LocalDate" -> Problems.text("problem.field.a-date");
            case "YearMonth" -> Problems.text("problem.field.a-month");
            case "Instant", "OffsetDateTime" -> Problems.text("problem.field.an-instant");
            default -> Problems.text("problem.field.a-value-of-type", name);
        };
    }

}
