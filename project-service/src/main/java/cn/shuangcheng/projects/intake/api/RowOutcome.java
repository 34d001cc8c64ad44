package cn.shuangcheng.projects.intake.api;

import io.swagger.v3.oas.annotations.media.Schema;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * What intake did with one row (docs/api-guide.md, "Over REST": {@code row, externalRef, outcome, projectId?,
 * errors?}); warnings are an addition for differences intake noticed but does not change.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(description = "What intake did with one row of a batch")
public record RowOutcome(
        @Schema(description = "The row's number in the batch, from 1", example = "1", requiredMode = REQUIRED) int row,
        @Schema(example = "CY-2023-001") String externalRef,
        @Schema(example = "ACCEPTED", requiredMode = REQUIRED) Outcome outcome,
        @Schema(description = "The project the row was matched to or created as", example = "3cd5d35f-a104-3e87-9576-e7a30ef1994c") String projectId,
        @Schema(description = "Why the row was rejected (REJECTED only)") List<FieldError> errors,
        @Schema(description = "Differences intake noticed but does not change") List<String> warnings) {

    public enum Outcome {
        ACCEPTED,
        UNCHANGED,
        REJECTED
    }

    @Schema(description = "One reason a row was rejected: the item's field and what is wrong with it")
    public record FieldError(@Schema(example = "totalInvestmentYuan", requiredMode = REQUIRED) String field,
                             @Schema(example = "must be a whole number of yuan from 1 to 100000000000000",
                                     requiredMode = REQUIRED) String message) {
    }

    /** A rejection with the first {@link IntakeBounds#MAX_ROW_ERRORS} of its reasons, and how many more there were. */
    public static RowOutcome rejected(int row, String externalRef, String projectId, List<FieldError> errors) {
        return new RowOutcome(row, externalRef, Outcome.REJECTED, projectId, listed(errors), List.of());
    }

    private static List<FieldError> listed(List<FieldError> errors) {
        if (errors.size() <= IntakeBounds.MAX_ROW_ERRORS) {
            return List.copyOf(errors);
        }
        List<FieldError> listed = new ArrayList<>(errors.subList(0, IntakeBounds.MAX_ROW_ERRORS));
        listed.add(new FieldError("item", "and " + (errors.size() - IntakeBounds.MAX_ROW_ERRORS)
                + " more reasons, not listed"));
        return List.copyOf(listed);
    }
}
