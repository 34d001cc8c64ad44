package cn.shuangcheng.reporting.projects.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bson.Document;

import cn.shuangcheng.contracts.regions.Region;
import cn.shuangcheng.contracts.regions.RegionCatalog;
import cn.shuangcheng.reporting.ingestion.domain.EventCatalog;
import cn.shuangcheng.reporting.ingestion.domain.EventFold;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.AnnualPlanSet;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.InvestmentCorrected;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.InvestmentRecorded;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.MilestoneReached;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.ProjectCancelled;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.ProjectCompleted;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.ProjectListed;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.ProjectProposed;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.ProjectResumed;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.ProjectStarted;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.ProjectSuspended;
import cn.shuangcheng.reporting.ingestion.domain.StoredEvent;

/**
 * The project read model: one document per joint project with its state, dates, plans by year, investment by
 * month, milestones and {@code investedToDateYuan} (opening balance plus every month). It also keeps what the
 * portfolio pipeline needs without operators the MongoDB stand-in lacks: {@code plansByYear} ({@code y2023: yuan}),
 * {@code rollUpRegions} (each region's roll-up code from the region table, each once).
 */
public final class ProjectProjection extends EventFold<ProjectProjection.State> {

    private final RegionCatalog regions = RegionCatalog.standard();

    public ProjectProjection() {
        super(EventCatalog.Kind.PROJECT);
    }

    @Override
    protected State start(String projectId) {
        return new State(projectId);
    }

    @Override
    protected void apply(State state, StoredEvent event) {
        state.apply(event);
    }

    @Override
    protected Document finish(State state) {
        return state.toDocument();
    }

    final class State {
        final String projectId;
        ProjectProposed proposal;
        String status;
        String statusBeforeSuspension;
        String proposedAt;
        LocalDate startedOn;
        LocalDate completedOn;
        String cancelledAt;
        String cancellationReason;
        String suspensionReason;
        final Set<Integer> listYears = new TreeSet<>();
        final Map<Integer, Long> plans = new TreeMap<>();
        final Map<YearMonth, Long> months = new TreeMap<>();
        final Map<YearMonth, Integer> corrections = new TreeMap<>();
        final List<Document> milestones = new ArrayList<>();

        State(String projectId) {
            this.projectId = projectId;
        }

        void apply(StoredEvent event) {
            Object payload = event.payload();
            if (payload instanceof ProjectProposed e) {
                proposal = e;
                status = status == null ? "PROPOSED" : status;
                proposedAt = event.time().toString();
            } else if (payload instanceof ProjectListed e) {
                listYears.add(e.listYear());
                if (status == null || "PROPOSED".equals(status)) {
                    status = "APPROVED";
                } else if ("SUSPENDED".equals(status) && "PROPOSED".equals(statusBeforeSuspension)) {
                    // listed while suspended: it resumes approved, as the write side's ProjectLifecycle has it
                    statusBeforeSuspension = "APPROVED";
                }
            } else if (payload instanceof AnnualPlanSet e) {
                plans.put(e.year(), e.amountYuan());
            } else if (payload instanceof ProjectStarted e) {
                startedOn = e.startedOn();
                status = "STARTED";
            } else if (payload instanceof MilestoneReached e) {
                milestones.add(new Document("name", e.name())
                        .append("reachedOn", e.reachedOn().toString()).append("note", e.note()));
            } else if (payload instanceof InvestmentRecorded e) {
                months.put(e.period(), e.amountYuan());
            } else if (payload instanceof InvestmentCorrected e) {
                months.put(e.period(), e.amountYuan());
                corrections.merge(e.period(), 1, Integer::sum);
            } else if (payload instanceof ProjectCompleted e) {
                completedOn = e.completedOn();
                status = "COMPLETED";
            } else if (payload instanceof ProjectSuspended e) {
                statusBeforeSuspension = status;
                suspensionReason = e.reason();
                status = "SUSPENDED";
            } else if (payload instanceof ProjectResumed e) {
                status = statusBeforeSuspension != null ? statusBeforeSuspension : (startedOn != null ? "STARTED" : "APPROVED");
                suspensionReason = null;
            } else if (payload instanceof ProjectCancelled e) {
                status = "CANCELLED";
                cancelledAt = event.time().toString();
                cancellationReason = e.reason();
            }
        }

        Document toDocument() {
            Document document = new Document("_id", projectId);
            long opening = 0;
            if (proposal != null) {
                document.append("externalRef", proposal.externalRef()).append("name", proposal.name())
                        .append("sector", proposal.sector()).append("platform", proposal.platform())
                        .append("regions", proposal.regions()).append("rollUpRegions", rollUp(proposal.regions()))
                        .append("leadUnits", proposal.leadUnits()).append("description", proposal.description())
                        .append("totalInvestmentYuan", proposal.totalInvestmentYuan())
                        .append("openingInvestedYuan", proposal.openingInvestedYuan())
                        .append("openingAsOf", proposal.openingAsOf() == null ? null : proposal.openingAsOf().toString());
                opening = proposal.openingInvestedYuan() == null ? 0 : proposal.openingInvestedYuan();
            }
            document.append("status", status)
                    .append("proposedAt", proposedAt)
                    .append("startedOn", startedOn == null ? null : startedOn.toString())
                    .append("completedOn", completedOn == null ? null : completedOn.toString())
                    .append("suspensionReason", suspensionReason)
                    .append("cancelledAt", cancelledAt).append("cancellationReason", cancellationReason)
                    .append("listYears", List.copyOf(listYears));
            List<Document> planList = new ArrayList<>();
            Document plansByYear = new Document();
            plans.forEach((year, amount) -> {
                planList.add(new Document("year", year).append("amountYuan", amount));
                plansByYear.append("y" + year, amount);
            });
            document.append("annualPlans", planList).append("plansByYear", plansByYear);
            List<Document> investments = new ArrayList<>();
            long months = 0;
            for (Map.Entry<YearMonth, Long> month : this.months.entrySet()) {
                investments.add(new Document("period", month.getKey().toString()).append("year", month.getKey().getYear())
                        .append("amountYuan", month.getValue())
                        .append("corrections", corrections.getOrDefault(month.getKey(), 0)));
                months = Math.addExact(months, month.getValue()); // never wraps: an overflow parks the event
            }
            document.append("investments", investments)
                    .append("milestones", milestones)
                    .append("investedToDateYuan", Math.addExact(opening, months));
            return document;
        }
    }

    private List<String> rollUp(List<String> codes) {
        Set<String> rolledUp = new LinkedHashSet<>();
        for (String code : codes == null ? List.<String>of() : codes) {
            rolledUp.add(regions.find(code).map(Region::rollUpCode).orElse(code));
        }
        return List.copyOf(rolledUp);
    }
}
