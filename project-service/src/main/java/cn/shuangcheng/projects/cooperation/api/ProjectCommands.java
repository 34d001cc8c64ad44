package cn.shuangcheng.projects.cooperation.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * The commands a joint major project accepts. {@code expectedVersion} carries a client's
 * {@code If-Match}: when set, the command is refused (409) unless the project is still at that version.
 */
public final class ProjectCommands {

    private ProjectCommands() {
    }

    /**
     * One step of what an intake system reported about a project: the commands intake may send for it. They are
     * applied together in an {@link ApplyReportedStateCommand}.
     */
    public sealed interface ReportedStep permits ListProjectCommand, SetAnnualPlanCommand, StartProjectCommand,
            RecordMilestoneCommand, RecordInvestmentCommand, CorrectInvestmentCommand, CompleteProjectCommand {
    }

    /**
     * Brings a project to the state an intake system reported, all at once: the proposal (for a project not yet
     * known) and the steps, in order, in one unit of work. Either every step is accepted and all their events are
     * stored together, or one is refused and nothing is stored. The steps' own {@code expectedVersion}s are ignored.
     *
     * @param basedOnVersion the version of the known project the steps were planned from: another version means a
     *                       write came in between (an instance that stalled after planning, say), and the steps are
     *                       refused, to be planned again, rather than applied over it. Null for a new project.
     * @param proposal       the project's proposal when intake saw no project yet; null for a known one
     */
    public record ApplyReportedStateCommand(@TargetAggregateIdentifier String projectId, Long basedOnVersion,
                                            ProposeProjectCommand proposal, List<ReportedStep> steps) {

        public ApplyReportedStateCommand {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    public record ProposeProjectCommand(@TargetAggregateIdentifier String projectId, String externalRef, String name,
                                 Sector sector, Platform platform, List<String> regions, List<String> leadUnits,
                                 long totalInvestmentYuan, String description, Long openingInvestedYuan,
                                 YearMonth openingAsOf) {
    }

    public record ListProjectCommand(@TargetAggregateIdentifier String projectId,
                              @TargetAggregateVersion Long expectedVersion, int listYear) implements ReportedStep {
    }

    public record SetAnnualPlanCommand(@TargetAggregateIdentifier String projectId,
                                @TargetAggregateVersion Long expectedVersion, int year, long amountYuan) implements ReportedStep {
    }

    public record StartProjectCommand(@TargetAggregateIdentifier String projectId,
                               @TargetAggregateVersion Long expectedVersion, LocalDate startedOn) implements ReportedStep {
    }

    /** @param requestId the id of the client's request (its Idempotency-Key), or null: none was sent, or intake's */
    public record RecordMilestoneCommand(@TargetAggregateIdentifier String projectId,
                                  @TargetAggregateVersion Long expectedVersion, String name, LocalDate reachedOn,
                                  String note, String requestId) implements ReportedStep {

        /** A milestone no client sends again by its own key: an intake row's (the row is idempotent as a whole). */
        public RecordMilestoneCommand(String projectId, Long expectedVersion, String name, LocalDate reachedOn,
                                      String note) {
            this(projectId, expectedVersion, name, reachedOn, note, null);
        }
    }

    public record RecordInvestmentCommand(@TargetAggregateIdentifier String projectId,
                                   @TargetAggregateVersion Long expectedVersion, YearMonth period,
                                   long amountYuan) implements ReportedStep {
    }

    public record CorrectInvestmentCommand(@TargetAggregateIdentifier String projectId,
                                    @TargetAggregateVersion Long expectedVersion, YearMonth period, long amountYuan,
                                    String reason) implements ReportedStep {
    }

    public record CompleteProjectCommand(@TargetAggregateIdentifier String projectId,
                                  @TargetAggregateVersion Long expectedVersion, LocalDate completedOn) implements ReportedStep {
    }

    public record SuspendProjectCommand(@TargetAggregateIdentifier String projectId,
                                 @TargetAggregateVersion Long expectedVersion, String reason) {
    }

    public record ResumeProjectCommand(@TargetAggregateIdentifier String projectId,
                                @TargetAggregateVersion Long expectedVersion, String reason) {
    }

    public record CancelProjectCommand(@TargetAggregateIdentifier String projectId,
                                @TargetAggregateVersion Long expectedVersion, String reason) {
    }
}
