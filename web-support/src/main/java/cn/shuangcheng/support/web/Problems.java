package cn.shuangcheng.support.web;

import java.util.List;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds the problem details every error answer uses: our {@link ProblemKind} type and title, an
 * occurrence-specific detail, and for field-level errors an {@code errors} list.
 */
public final class Problems {

    /** Name of the extension member listing field errors. */
    public static final String ERRORS = "errors";

    private Problems() {
    }

    public static ProblemDetail of(ProblemKind kind, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(kind.status()), detail);
        problem.setType(kind.type());
        problem.setTitle(kind.title());
        return problem;
    }

    public static ProblemDetail of(ProblemKind kind, String detail, List<FieldProblem> errors) {
        ProblemDetail problem = of(kind, detail);
        if (errors != null && !errors.isEmpty()) {
            problem.setProperty(ERRORS, List.copyOf(errors));
        }
        return problem;
    }
}
