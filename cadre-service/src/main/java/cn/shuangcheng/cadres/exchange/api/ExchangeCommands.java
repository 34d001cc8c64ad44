package cn.shuangcheng.cadres.exchange.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.LocalDate;
import java.util.List;

/**
 * The commands of the cadre exchange. {@code expectedVersion} carries a client's {@code If-Match}: when set, the
 * command is refused (409) unless the aggregate is still at that version.
 */
public final class ExchangeCommands {

    private ExchangeCommands() {
    }

    public record CreateExchangeBatchCommand(@TargetAggregateIdentifier String batchId, int number, int year,
                                             LocalDate dispatchedOn, int quotaPerDirection, int termMonths) {
    }

    /**
     * Sent to the batch, which decides on the place and creates the secondment in the same unit of work. An
     * {@code endOn} of null means the batch's term from {@code startOn}.
     */
    public record RegisterSecondmentCommand(@TargetAggregateIdentifier String batchId, String secondmentId,
                                            String cadreId, Direction direction, String homeUnit, String homeRegion,
                                            String hostUnit, String hostRegion, String hostPost, LocalDate startOn,
                                            LocalDate endOn) {
    }

    /**
     * Stores a secondment whose place its batch has already stored, when the append that held both wrote the place
     * but not the secondment (see {@code SecondmentWrites}). Only ever sent with the registration the batch decided.
     */
    public record RestorePlacedSecondmentCommand(@TargetAggregateIdentifier String secondmentId,
                                                 SecondmentRegistered registered) {
    }

    public record RecordArrivalCommand(@TargetAggregateIdentifier String secondmentId,
                                       @TargetAggregateVersion Long expectedVersion, LocalDate arrivedOn) {
    }

    public record RecordContributionCommand(@TargetAggregateIdentifier String secondmentId,
                                            @TargetAggregateVersion Long expectedVersion, String contributionId,
                                            LocalDate on, ContributionCategory category, String summary,
                                            List<String> projectIds, List<Indicator> indicators) {
    }

    public record ExtendSecondmentCommand(@TargetAggregateIdentifier String secondmentId,
                                          @TargetAggregateVersion Long expectedVersion, LocalDate endOn,
                                          String reason) {
    }

    public record CompleteSecondmentCommand(@TargetAggregateIdentifier String secondmentId,
                                            @TargetAggregateVersion Long expectedVersion, LocalDate completedOn,
                                            String reason) {
    }

    public record EndSecondmentEarlyCommand(@TargetAggregateIdentifier String secondmentId,
                                            @TargetAggregateVersion Long expectedVersion, LocalDate endedOn,
                                            String reason) {
    }
}
