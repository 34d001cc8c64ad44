package cn.shuangcheng.support.web;

import java.util.List;
import java.util.Optional;

import org.springframework.http.ProblemDetail;

import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.kernel.StateConflictException;

/** The problems for the kernel's domain exceptions (422 rule violated, 409 state conflict) and a bad If-Match or Idempotency-Key. */
final class DomainProblems {

    private DomainProblems() {
    }

    static Optional<ProblemDetail> of(Throwable ex) {
        if (ex instanceof RuleViolatedException rule) {
            return Optional.of(ruleViolated(rule, rule.field()));
        }
        if (ex instanceof StateConflictException conflict) {
            return Optional.of(Problems.of(ProblemKind.STATE_CONFLICT, conflict.getMessage()));
        }
        if (ex instanceof MalformedIfMatchException || ex instanceof MalformedIdempotencyKeyException) {
            return Optional.of(Problems.of(ProblemKind.INVALID_REQUEST, ex.getMessage()));
        }
        return Optional.empty();
    }

    /** 422, naming the field when the rule or the JSON path knows it. */
    static ProblemDetail ruleViolated(RuleViolatedException rule, String field) {
        List<FieldProblem> errors = field == null || field.isEmpty()
                ? List.of() : List.of(new FieldProblem(field, rule.getMessage()));
        return Problems.of(ProblemKind.RULE_VIOLATED, rule.getMessage(), errors);
    }
}
