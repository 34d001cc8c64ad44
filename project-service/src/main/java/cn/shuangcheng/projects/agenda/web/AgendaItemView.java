package cn.shuangcheng.projects.agenda.web;

import cn.shuangcheng.projects.agenda.api.AgendaItemCreated;
import cn.shuangcheng.projects.agenda.api.AgendaItemStatus;
import cn.shuangcheng.projects.agenda.api.AgendaList;
import cn.shuangcheng.projects.agenda.domain.DecidedAgendaItem;

import java.time.LocalDate;
import java.util.List;

/**
 * GET /api/v1/agenda-items/{id} on project-service: the item as decided now, with its version (also the ETag).
 * reporting-service's agenda report is the eventually consistent view across items.
 */
record AgendaItemView(String id, long version, AgendaList list, String title, String source,
                      List<String> ownerUnits, LocalDate dueOn, List<String> projectIds, String externalRef,
                      AgendaItemStatus status) {

    static AgendaItemView of(DecidedAgendaItem item, long version) {
        AgendaItemCreated created = item.created();
        return new AgendaItemView(created.agendaItemId(), version, created.list(), created.title(), created.source(),
                created.ownerUnits(), created.dueOn(), created.projectIds(), created.externalRef(), item.status());
    }
}
