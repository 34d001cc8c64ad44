package cn.shuangcheng.projects.intake.application;

import cn.shuangcheng.servicesupport.creation.CreationsByReference;
import cn.shuangcheng.kernel.NaturalKeyIds;
import cn.shuangcheng.projects.intake.api.IntakeItem;
import cn.shuangcheng.projects.intake.api.RowOutcome;
import cn.shuangcheng.projects.intake.domain.IntakeReconciler;
import cn.shuangcheng.support.logging.LogSafe;
import cn.shuangcheng.projects.cooperation.api.ProjectIds;
import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.kernel.StateConflictException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Applies one intake item: validates it, folds what the project already holds from its events, and sends the one
 * command that brings it to the reported state. Both intake paths (REST batches and the Kafka topic) go through
 * here. A bad row is answered with its reasons and never stops the rows after it.
 * <p>
 * A row is all or nothing: the project handles the row's whole plan in one unit of work (see
 * {@code ApplyReportedStateCommand}), so a refused step leaves the project as it was.
 * <p>
 * A failure of the infrastructure (MongoDB unreachable, a concurrent writer) is not the row's fault: it is thrown
 * as {@link InfrastructureUnavailableException}, and the caller tries the row again later.
 */
public class IntakeProcessor {

    private static final Logger log = LoggerFactory.getLogger(IntakeProcessor.class);

    private final CommandGateway commands;
    private final KnownProjects projects;
    private final Validator validator;
    private final IntakeReconciler reconciler = new IntakeReconciler();

    public IntakeProcessor(CommandGateway commands, KnownProjects projects, Validator validator) {
        this.commands = commands;
        this.projects = projects;
        this.validator = validator;
    }

    /**
     * @param principal who submitted the item; recorded on every event it causes
     * @param correlationId ties the events to the batch or Kafka record they came from
     * @throws InfrastructureUnavailableException when the row could not be applied for a reason outside it
     */
    public RowOutcome apply(int row, IntakeItem item, String principal, String correlationId) {
        return apply(row, item, principal, correlationId, () -> true);
    }

    /**
     * The same, for a row held under a claim that can lapse: a leased batch, or a polled Kafka record whose
     * partition may move to another instance. {@code claimHeld} is asked just before the row's change is sent, and
     * when it answers false nothing is sent (thrown as {@link InfrastructureUnavailableException}, so the row is
     * tried again under a renewed claim, or given up if another instance took it over). A worker that stalled past
     * its claim would otherwise send a row another instance applied since, over newer changes.
     */
    public RowOutcome apply(int row, IntakeItem item, String principal, String correlationId,
                            BooleanSupplier claimHeld) {
        String externalRef = item == null ? null : item.externalRef();
        List<RowOutcome.FieldError> invalid = validate(item);
        if (!invalid.isEmpty()) {
            return RowOutcome.rejected(row, externalRef, null, invalid);
        }
        String projectId = ProjectIds.forProposal(item.externalRef());
        KnownProjects.Current current;
        IntakeReconciler.Plan plan;
        try {
            current = projects.current(projectId);
        } catch (RuntimeException e) {
            throw InfrastructureUnavailableException.orRethrow(e);
        }
        if (current.version() < 0 && !NaturalKeyIds.isCanonicalKey(item.externalRef())) {
            // the id is derived from the reference as written: a full-width twin would be a second project (a project
            // stored under such a reference before this rule is still matched, above)
            return RowOutcome.rejected(row, externalRef, null,
                    List.of(new RowOutcome.FieldError("externalRef", CreationsByReference.NOT_CANONICAL)));
        }
        try {
            plan = reconciler.reconcile(projectId, item, current.state());
        } catch (RuntimeException e) {
            throw InfrastructureUnavailableException.orRethrow(e);
        }
        if (plan.changesNothing()) {
            // Nothing left to change because this batch (or Kafka record) already applied the row: an instance that
            // stopped after the row's command and before its outcome was recorded. The row was accepted, once.
            RowOutcome.Outcome outcome = projects.lastCausedBy(projectId, correlationId)
                    ? RowOutcome.Outcome.ACCEPTED : RowOutcome.Outcome.UNCHANGED;
            return new RowOutcome(row, externalRef, outcome, projectId, List.of(), plan.warnings());
        }
        MetaData metaData = MetaData.from(Map.of("principal", principal, "correlationId", correlationId));
        if (!claimHeld.getAsBoolean()) {
            throw new InfrastructureUnavailableException(new IllegalStateException("the claim on row " + row
                    + " (the batch's lease, or the Kafka record's poll) is too old to send it under"));
        }
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(plan.command(current.version())).andMetaData(metaData));
        } catch (RuntimeException e) {
            if (InfrastructureFailure.isCause(e)) {
                throw new InfrastructureUnavailableException(e);
            }
            return RowOutcome.rejected(row, externalRef, projectId, List.of(refusal(e)));
        }
        return new RowOutcome(row, externalRef, RowOutcome.Outcome.ACCEPTED, projectId, List.of(), plan.warnings());
    }

    private List<RowOutcome.FieldError> validate(IntakeItem item) {
        if (item == null) {
            return List.of(new RowOutcome.FieldError("item", "is missing"));
        }
        List<RowOutcome.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<IntakeItem> v : validator.validate(item)) {
            errors.add(new RowOutcome.FieldError(v.getPropertyPath().toString(), v.getMessage()));
        }
        if (errors.isEmpty()) {
            // The item is the project's state, so a month or milestone stands in it once. Given twice, each resend
            // would correct the month to whichever amount differs from the stored one, back and forth.
            errors.addAll(repeated("investments", ".period", item.investmentsOrEmpty(),
                    IntakeItem.MonthlyInvestment::period, "names a month the item gives already"));
            errors.addAll(repeated("milestones", ".name", item.milestonesOrEmpty(),
                    m -> List.of(m.name().strip(), m.reachedOn()), "names a milestone the item gives already"));
        }
        errors.sort(Comparator.comparing(RowOutcome.FieldError::field));
        return errors;
    }

    private static <T> List<RowOutcome.FieldError> repeated(String list, String field, List<T> entries,
                                                            Function<T, Object> key, String message) {
        List<RowOutcome.FieldError> errors = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!seen.add(key.apply(entries.get(i)))) {
                errors.add(new RowOutcome.FieldError(list + "[" + i + "]" + field, message));
            }
        }
        return errors;
    }

    /** The domain's own words for a refused row; anything unexpected is logged and named as such. */
    private static RowOutcome.FieldError refusal(RuntimeException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof RuleViolatedException)
                && !(cause instanceof StateConflictException)) {
            cause = cause.getCause();
        }
        if (cause instanceof RuleViolatedException rule) {
            return new RowOutcome.FieldError(rule.field() == null ? "item" : rule.field(), rule.getMessage());
        }
        if (cause instanceof StateConflictException conflict) {
            return new RowOutcome.FieldError("item", conflict.getMessage());
        }
        log.warn("an intake row failed unexpectedly: {}", LogSafe.text(e));
        return new RowOutcome.FieldError("item", "could not be applied (" + e.getClass().getSimpleName()
                + "); nothing of it was stored");
    }
}
