package cn.shuangcheng.projects.agenda.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.LocalDate;
import java.util.List;

/** The commands a three-lists item accepts; {@code expectedVersion} carries a client's {@code If-Match}. */
public final class AgendaItemCommands {

    private AgendaItemCommands() {
    }

    public record CreateAgendaItemCommand(@TargetAggregateIdentifier String agendaItemId, AgendaList list,
                                          String title, String source, List<String> ownerUnits, LocalDate dueOn,
                                          List<String> projectIds, String externalRef) {
    }

    /** @param requestId the id of the client's request (its Idempotency-Key), or null when it sent none */
    public record ReportAgendaProgressCommand(@TargetAggregateIdentifier String agendaItemId,
                                              @TargetAggregateVersion Long expectedVersion, String note,
                                              String requestId) {

        public ReportAgendaProgressCommand(String agendaItemId, Long expectedVersion, String note) {
            this(agendaItemId, expectedVersion, note, null);
        }
    }

    public record DeliverAgendaItemCommand(@TargetAggregateIdentifier String agendaItemId,
                                           @TargetAggregateVersion Long expectedVersion, String note) {
    }

    public record VerifyAgendaItemCommand(@TargetAggregateIdentifier String agendaItemId,
                                          @TargetAggregateVersion Long expectedVersion, String note) {
    }

    public record DropAgendaItemCommand(@TargetAggregateIdentifier String agendaItemId,
                                        @TargetAggregateVersion Long expectedVersion, String note) {
    }
}
