package cn.shuangcheng.projects.agenda.api;

import java.time.LocalDate;
import java.util.List;

/**
 * An item was put on one of the three lists. {@code externalRef} is the id the item has in the system it came from
 * (e.g. the joint office's own register), null when it was created directly; added to v1 as an optional field.
 */
public record AgendaItemCreated(String agendaItemId, AgendaList list, String title, String source,
                                List<String> ownerUnits, LocalDate dueOn, List<String> projectIds, String externalRef)
        implements AgendaItemEvents {
}
