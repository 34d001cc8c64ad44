package cn.shuangcheng.support.web;

import java.util.List;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds the problem details every error answer uses: our {@link ProblemKind} type and title, an
 * occurrence-specific detail, and for field-level errors an {@code errors} list. The title is in the language of the
 * request ({@link ProblemMessages}); fixed details and field messages come from there too ({@link #text}), so that a
 * problem is built once, in the caller's language, wherever it is built.
 */
public final class Problems {

    /** Name of the extension member listing field errors. */
    public static final String ERRORS = "errors";

    private Problems() {
    }

    public static ProblemDetail of(ProblemKind kind, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(kind.status()), detail);
        problem.setType(kind.type());
        problem.setTitle(ProblemMessages.title(kind));
        return problem;
    }

    /** A fixed text of messages.properties in the request's language, e.g. {@code problem.detail.no-such-id}. */
    public static String text(String code, Object... args) {
        return ProblemMessages.text(code, args);
    }

    public static ProblemDetail of(ProblemKind kind, String detail, List<FieldProblem> errors) {
        ProblemDetail problem = of(kind, detail);
        if (errors != null && !errors.isEmpty()) {
            problem.setProperty(ERRORS, List.copyOf(errors));
        }
        return problem;
    }
}
