package cn.shuangcheng.projects.intake;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What intake did with one row (docs/api-guide.md, "Over REST": {@code row, externalRef, outcome, projectId?,
 * errors?}); warnings are an addition for differences intake noticed but does not change.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RowOutcome(int row, String externalRef, Outcome outcome, String projectId, List<FieldError> errors,
                         List<String> warnings) {

    public enum Outcome {
        ACCEPTED,
        UNCHANGED,
        REJECTED
    }

    public record FieldError(String field, String message) {
    }

    static RowOutcome rejected(int row, String externalRef, String projectId, List<FieldError> errors) {
        return new RowOutcome(row, externalRef, Outcome.REJECTED, projectId, List.copyOf(errors), List.of());
    }
}
