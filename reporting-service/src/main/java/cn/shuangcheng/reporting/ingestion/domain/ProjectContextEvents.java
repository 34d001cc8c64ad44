package cn.shuangcheng.reporting.ingestion.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * reporting-service's own copy of the events of the project context (topic {@code shuangcheng.project.events.v1}),
 * as published in contracts' JSON Schemas {@code schemas/project/*.v1.json}: only what the read models use, in the
 * consumer's own types (the order-history model: a consumer never shares classes with the producer).
 * {@code ConsumerEventCopiesTest} checks every field against the published schemas. Unknown fields are ignored, so
 * that a compatible addition on the producer's side breaks nothing here.
 */
public final class ProjectContextEvents {

    private ProjectContextEvents() {
    }

    public record ProjectProposed(String projectId, String externalRef, String name, String sector, String platform,
                                  List<String> regions, List<String> leadUnits, long totalInvestmentYuan,
                                  String description, Long openingInvestedYuan, YearMonth openingAsOf) {
    }

    public record ProjectListed(String projectId, int listYear) {
    }

    public record AnnualPlanSet(String projectId, int year, long amountYuan) {
    }

    public record ProjectStarted(String projectId, LocalDate startedOn) {
    }

    public record MilestoneReached(String projectId, String name, LocalDate reachedOn, String note) {
    }

    public record InvestmentRecorded(String projectId, YearMonth period, long amountYuan) {
    }

    public record InvestmentCorrected(String projectId, YearMonth period, long amountYuan, long previousAmountYuan,
                                      String reason) {
    }

    public record ProjectCompleted(String projectId, LocalDate completedOn) {
    }

    public record ProjectSuspended(String projectId, String reason) {
    }

    public record ProjectResumed(String projectId, String reason) {
    }

    public record ProjectCancelled(String projectId, String reason) {
    }

    public record AgendaItemCreated(String agendaItemId, String list, String title, String source,
                                    List<String> ownerUnits, LocalDate dueOn, List<String> projectIds) {
    }

    public record AgendaItemProgressed(String agendaItemId, String note) {
    }

    public record AgendaItemDelivered(String agendaItemId, String note) {
    }

    public record AgendaItemVerified(String agendaItemId, String note) {
    }

    public record AgendaItemDropped(String agendaItemId, String note) {
    }
}
