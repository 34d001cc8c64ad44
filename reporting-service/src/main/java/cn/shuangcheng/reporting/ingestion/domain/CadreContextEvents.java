package cn.shuangcheng.reporting.ingestion.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * reporting-service's own copy of the cadre context's events (topic {@code shuangcheng.cadre.events.v1}), reduced
 * to what the exchange report counts. No personal data: a cadre is only a pseudonymous {@code cadreId}, which the
 * report does not even keep. Checked against {@code schemas/cadre/*.v1.json} where those are published.
 */
public final class CadreContextEvents {

    private CadreContextEvents() {
    }

    public record ExchangeBatchCreated(String batchId, int number, int year, LocalDate dispatchedOn,
                                       int quotaPerDirection, int termMonths) {
    }

    public record SecondmentPlaceTaken(String batchId, String secondmentId, String direction) {
    }

    public record SecondmentRegistered(String secondmentId, String batchId, int batchNumber, String direction,
                                       String homeRegion, String hostRegion, LocalDate startOn, LocalDate endOn) {
    }

    public record CadreArrived(String secondmentId, LocalDate arrivedOn) {
    }

    public record ContributionRecorded(String secondmentId, String contributionId, LocalDate on, String category,
                                       List<String> projectIds) {
    }

    public record SecondmentExtended(String secondmentId, LocalDate endOn) {
    }

    public record SecondmentCompleted(String secondmentId, LocalDate completedOn) {
    }

    public record SecondmentEndedEarly(String secondmentId, LocalDate endedOn) {
    }

    /**
     * A cadre's name and personnel number were erased in cadre-service (key: the cadreId). Reporting never had
     * them: it keeps only that the pseudonym was erased, so that the event is applied rather than dead-lettered.
     */
    public record CadrePersonalDataErased(String cadreId, String erasedAt) {
    }
}
