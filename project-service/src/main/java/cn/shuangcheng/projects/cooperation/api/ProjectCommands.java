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

    public record ProposeProjectCommand(@TargetAggregateIdentifier String projectId, String externalRef, String name,
                                 Sector sector, Platform platform, List<String> regions, List<String> leadUnits,
                                 long totalInvestmentYuan, String description, Long openingInvestedYuan,
                                 YearMonth openingAsOf) {
    }

    public record ListProjectCommand(@TargetAggregateIdentifier String projectId,
                              @TargetAggregateVersion Long expectedVersion, int listYear) {
    }

    public record SetAnnualPlanCommand(@TargetAggregateIdentifier String projectId,
                                @TargetAggregateVersion Long expectedVersion, int year, long amountYuan) {
    }

    public record StartProjectCommand(@TargetAggregateIdentifier String projectId,
                               @TargetAggregateVersion Long expectedVersion, LocalDate startedOn) {
    }

    public record RecordMilestoneCommand(@TargetAggregateIdentifier String projectId,
                                  @TargetAggregateVersion Long expectedVersion, String name, LocalDate reachedOn,
                                  String note) {
    }

    public record RecordInvestmentCommand(@TargetAggregateIdentifier String projectId,
                                   @TargetAggregateVersion Long expectedVersion, YearMonth period,
                                   long amountYuan) {
    }

    public record CorrectInvestmentCommand(@TargetAggregateIdentifier String projectId,
                                    @TargetAggregateVersion Long expectedVersion, YearMonth period, long amountYuan,
                                    String reason) {
    }

    public record CompleteProjectCommand(@TargetAggregateIdentifier String projectId,
                                  @TargetAggregateVersion Long expectedVersion, LocalDate completedOn) {
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
