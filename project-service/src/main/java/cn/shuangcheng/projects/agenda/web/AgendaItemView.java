package cn.shuangcheng.projects.agenda.web;

import io.swagger.v3.oas.annotations.media.Schema;
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
@Schema(description = "A three-lists item as decided now, from the event store; the version is also the ETag")
record AgendaItemView(
        @Schema(example = "66a69454-df18-315f-a19e-c38413d6eee3", requiredMode = Schema.RequiredMode.REQUIRED) String id,
        @Schema(description = "Its version: send it back as If-Match", example = "3", requiredMode = Schema.RequiredMode.REQUIRED) long version,
        @Schema(example = "POLICY_NEED", requiredMode = Schema.RequiredMode.REQUIRED) AgendaList list,
        @Schema(example = "跨省公交线路审批与运营补贴衔接需求", requiredMode = Schema.RequiredMode.REQUIRED) String title,
        @Schema(description = "Where it was raised, e.g. the meeting")
        String source,
        @Schema(example = "[\"重庆市交通局\", \"四川省交通运输厅\"]") List<String> ownerUnits,
        @Schema(example = "2023-06-30") LocalDate dueOn,
        @Schema(description = "Projects it concerns") List<String> projectIds,
        @Schema(description = "Its id in the system it comes from", example = "TL-2023-001") String externalRef,
        @Schema(example = "VERIFIED", requiredMode = Schema.RequiredMode.REQUIRED) AgendaItemStatus status) {

    static AgendaItemView of(DecidedAgendaItem item, long version) {
        AgendaItemCreated created = item.created();
        return new AgendaItemView(created.agendaItemId(), version, created.list(), created.title(), created.source(),
                created.ownerUnits(), created.dueOn(), created.projectIds(), created.externalRef(), item.status());
    }
}
