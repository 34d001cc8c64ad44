package cn.shuangcheng.projects.cooperation.domain;

import cn.shuangcheng.projects.cooperation.api.AnnualPlanSet;
import cn.shuangcheng.projects.cooperation.api.InvestmentCorrected;
import cn.shuangcheng.projects.cooperation.api.InvestmentRecorded;
import cn.shuangcheng.projects.cooperation.api.MilestoneReached;
import cn.shuangcheng.projects.cooperation.api.ProjectCancelled;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.ApplyReportedStateCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.CancelProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.CompleteProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.CorrectInvestmentCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.ListProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.ProposeProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.RecordInvestmentCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.RecordMilestoneCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.ReportedStep;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.ResumeProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.SetAnnualPlanCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.StartProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.SuspendProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCompleted;
import cn.shuangcheng.projects.cooperation.api.ProjectListed;
import cn.shuangcheng.projects.cooperation.api.ProjectProposed;
import cn.shuangcheng.projects.cooperation.api.ProjectResumed;
import cn.shuangcheng.projects.cooperation.api.ProjectStarted;
import cn.shuangcheng.projects.cooperation.api.ProjectSuspended;
import cn.shuangcheng.kernel.Require;
import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.kernel.StateConflictException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.conflictresolution.ConflictResolver;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

import static cn.shuangcheng.projects.cooperation.api.ProjectStatus.APPROVED;
import static cn.shuangcheng.projects.cooperation.api.ProjectStatus.PROPOSED;
import static cn.shuangcheng.projects.cooperation.api.ProjectStatus.STARTED;
import static cn.shuangcheng.projects.cooperation.api.ProjectStatus.SUSPENDED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * A joint major project (共建重大项目) from proposal to completion. It keeps only the state its rules need;
 * everything else lives in its events. Each command handler answers the project's version after the
 * command, which clients send back in {@code If-Match}.
 * <p>
 * "Approved" means put on a year's joint list: the first listing moves PROPOSED → APPROVED, and investment
 * can be recorded for months from January of that first list year on (and, for a project that came in
 * with an opening balance, only for months after the opening balance's month).
 */
public class CooperationProject {

    @AggregateIdentifier
    private String projectId;
    private final ProjectLifecycle lifecycle = new ProjectLifecycle();
    private final TreeSet<Integer> listYears = new TreeSet<>();
    @AggregateMember
    private final InvestmentMonths investments = new InvestmentMonths();
    /** Only answered ({@link #decided()}), never a rule's input. */
    private final TreeMap<Integer, Long> annualPlans = new TreeMap<>();
    private LocalDate startedOn;
    @AggregateMember
    private final ProjectMilestones milestones = new ProjectMilestones();

    protected CooperationProject() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public long handle(ProposeProjectCommand command, Clock clock) {
        ProjectProposalRules.check(command, YearMonth.now(clock));
        apply(new ProjectProposed(command.projectId(), command.externalRef(), command.name(), command.sector(),
                command.platform(), command.regions(), command.leadUnits(), command.totalInvestmentYuan(),
                command.description(), command.openingInvestedYuan(), command.openingAsOf()));
        return getVersion();
    }

    /**
     * Intake's whole row in one unit of work: each step goes through the same rule as its own command, and their
     * events are applied to this aggregate as they come, so a later step sees the earlier ones. When a step is
     * refused the exception rolls the unit of work back and none of the row's events is stored: Axon appends a unit
     * of work's events at commit, in one ordered insert (see the event store), and no transaction is needed for a
     * rule's refusal: it happens before anything is appended. (What is left is the server dying in the middle of
     * that one insert, which can leave a prefix of the row's events, in order; the next report of the same state
     * reconciles against them and adds the rest.) A row that proposes the project creates it here; a row that finds
     * the project already proposed (by someone else since intake looked) is refused, to be resent against the store.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(ApplyReportedStateCommand command, Clock clock) {
        boolean exists = lifecycle.exists();
        if (command.proposal() != null) {
            if (exists) {
                throw new StateConflictException("the project was proposed meanwhile; resend the row");
            }
            handle(command.proposal(), clock);
        } else if (!exists) {
            throw new StateConflictException("there is no project " + command.projectId() + " to apply the report to");
        } else if (command.basedOnVersion() != null && !command.basedOnVersion().equals(getVersion())) {
            // Axon checks no version for a CREATE_IF_MISSING handler: the steps were planned from another state
            throw new ConflictingAggregateVersionException(projectId, command.basedOnVersion(), getVersion());
        }
        command.steps().forEach(step -> take(step, clock));
        return getVersion();
    }

    @CommandHandler
    public long handle(ListProjectCommand command) {
        lifecycle.requireNotEnded("put on a list");
        if (listYears.contains(command.listYear())) {
            throw new StateConflictException("the project is already on the " + command.listYear() + " list");
        }
        apply(new ProjectListed(projectId, command.listYear()));
        return getVersion();
    }

    /** A plan of zero is allowed: a continuing project may be listed for a year with nothing planned in it. */
    @CommandHandler
    public long handle(SetAnnualPlanCommand command) {
        lifecycle.requireNotEnded("get an annual plan");
        Require.notNegative("amountYuan", command.amountYuan());
        if (!listYears.contains(command.year())) {
            throw new RuleViolatedException("year",
                    "an annual plan needs the project on that year's list; it is listed for " + listYears);
        }
        apply(new AnnualPlanSet(projectId, command.year(), command.amountYuan()));
        return getVersion();
    }

    @CommandHandler
    public long handle(StartProjectCommand command, Clock clock) {
        lifecycle.require("start", APPROVED);
        Require.notInFuture("startedOn", command.startedOn(), clock);
        apply(new ProjectStarted(projectId, command.startedOn()));
        return getVersion();
    }

    @CommandHandler
    public long handle(RecordMilestoneCommand command, Clock clock, ConflictResolver conflicts) {
        OptionalLong sentBefore = milestones.sentBefore(command, conflicts);
        if (sentBefore.isPresent()) {
            return sentBefore.getAsLong();
        }
        lifecycle.require("reach a milestone", APPROVED, STARTED);
        String name = Require.text("name", command.name());
        Require.notInFuture("reachedOn", command.reachedOn(), clock);
        milestones.requireRoom();
        apply(new MilestoneReached(projectId, name, command.reachedOn(), command.note()), milestones.metadata(command));
        return getVersion();
    }

    @CommandHandler
    public long handle(RecordInvestmentCommand command, Clock clock) {
        lifecycle.require("record investment", APPROVED, STARTED, SUSPENDED);
        Require.positive("amountYuan", command.amountYuan());
        investments.requireRecordable(command.period(), listYears.isEmpty() ? null : listYears.first(), clock);
        apply(new InvestmentRecorded(projectId, command.period(), command.amountYuan()));
        return getVersion();
    }

    /** Corrections are the one change allowed after completion or cancellation: reports must be right. */
    @CommandHandler
    public long handle(CorrectInvestmentCommand command, ConflictResolver conflicts) {
        String reason = Require.text("reason", command.reason());
        Require.notNegative("amountYuan", command.amountYuan());
        InvestmentCorrected correction = new InvestmentCorrected(projectId, command.period(), command.amountYuan(),
                investments.recordedFor(command.period()), reason);
        OptionalLong sentBefore = investments.sentBefore(correction, conflicts, getVersion());
        if (sentBefore.isEmpty()) {
            apply(correction);
        }
        return sentBefore.orElse(getVersion());
    }

    @CommandHandler
    public long handle(CompleteProjectCommand command, Clock clock) {
        lifecycle.require("complete", STARTED);
        Require.notInFuture("completedOn", command.completedOn(), clock);
        if (command.completedOn().isBefore(startedOn)) {
            throw new RuleViolatedException("completedOn", "completion cannot be before the start " + startedOn);
        }
        apply(new ProjectCompleted(projectId, command.completedOn()));
        return getVersion();
    }

    @CommandHandler
    public long handle(SuspendProjectCommand command) {
        lifecycle.require("suspend", PROPOSED, APPROVED, STARTED);
        apply(new ProjectSuspended(projectId, Require.text("reason", command.reason())));
        return getVersion();
    }

    @CommandHandler
    public long handle(ResumeProjectCommand command) {
        lifecycle.require("resume", SUSPENDED);
        apply(new ProjectResumed(projectId, Require.text("reason", command.reason())));
        return getVersion();
    }

    @CommandHandler
    public long handle(CancelProjectCommand command) {
        lifecycle.requireNotEnded("be cancelled");
        apply(new ProjectCancelled(projectId, Require.text("reason", command.reason())));
        return getVersion();
    }

    /** One step of a reported state, by the rule of its own command (Java 17: no pattern switch yet). */
    private void take(ReportedStep step, Clock clock) {
        if (step instanceof ListProjectCommand list) {
            handle(list);
        } else if (step instanceof SetAnnualPlanCommand plan) {
            handle(plan);
        } else if (step instanceof StartProjectCommand start) {
            handle(start, clock);
        } else if (step instanceof RecordMilestoneCommand milestone) {
            handle(milestone, clock, null); // no request id: never answered as sent before
        } else if (step instanceof RecordInvestmentCommand investment) {
            handle(investment, clock);
        } else if (step instanceof CorrectInvestmentCommand correction) {
            handle(correction, null); // planned from this version: nothing unseen
        } else if (step instanceof CompleteProjectCommand completion) {
            handle(completion, clock);
        } else {
            throw new IllegalArgumentException("not a reported step: " + step);
        }
    }

    /** The project as decided now, for the write side's own read; null before it was proposed. */
    public DecidedProject decided() {
        if (!lifecycle.exists()) {
            return null;
        }
        return new DecidedProject(projectId, lifecycle.status(), List.copyOf(listYears), new TreeMap<>(annualPlans), startedOn,
                investments.byMonth(), investments.openingAsOf());
    }

    @EventSourcingHandler
    void on(AnnualPlanSet event) {
        annualPlans.put(event.year(), event.amountYuan());
    }

    @EventSourcingHandler
    void on(ProjectProposed event) {
        projectId = event.projectId();
        lifecycle.proposed();
        investments.openedAsOf(event.openingAsOf());
    }

    @EventSourcingHandler
    void on(ProjectListed event) {
        listYears.add(event.listYear());
        lifecycle.listed();
    }

    @EventSourcingHandler
    void on(ProjectStarted event) {
        lifecycle.started();
        startedOn = event.startedOn();
    }

    @EventSourcingHandler
    void on(ProjectCompleted event) {
        lifecycle.completed();
    }

    @EventSourcingHandler
    void on(ProjectSuspended event) {
        lifecycle.suspended();
    }

    @EventSourcingHandler
    void on(ProjectResumed event) {
        lifecycle.resumed();
    }

    @EventSourcingHandler
    void on(ProjectCancelled event) {
        lifecycle.cancelled();
    }
}
