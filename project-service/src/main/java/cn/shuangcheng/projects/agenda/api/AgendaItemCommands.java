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

    public record ReportAgendaProgressCommand(@TargetAggregateIdentifier String agendaItemId,
                                              @TargetAggregateVersion Long expectedVersion, String note) {
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
