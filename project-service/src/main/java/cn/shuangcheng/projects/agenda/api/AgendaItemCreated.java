package cn.shuangcheng.projects.agenda.api;

import java.time.LocalDate;
import java.util.List;

public record AgendaItemCreated(String agendaItemId, AgendaList list, String title, String source,
                                List<String> ownerUnits, LocalDate dueOn, List<String> projectIds)
        implements AgendaItemEvents {
}
