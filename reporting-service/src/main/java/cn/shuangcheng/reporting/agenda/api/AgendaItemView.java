package cn.shuangcheng.reporting.agenda.api;

import java.time.LocalDate;
import java.util.List;

import org.bson.Document;

import cn.shuangcheng.reporting.agenda.domain.Overdue;
import cn.shuangcheng.reporting.readmodel.api.ReadModelFields;
import io.swagger.v3.oas.annotations.media.Schema;

/** A three-lists item as partners read it from reporting-service (examples: the demo data's TL-2023-001). */
@Schema(description = "A three-lists item (三张清单) as the read side knows it (eventually consistent with project-service)")
public record AgendaItemView(
        @Schema(example = "7d0b8f6e-2c1a-4e5b-9f3d-6a8c1b2e4d70") String id,
        @Schema(description = "POLICY_NEED 政策需求, AGREED_MATTER 议定事项 or WORK_RESULT 工作成果", example = "POLICY_NEED")
        String list,
        @Schema(example = "跨省公交线路审批与运营补贴衔接需求") String title,
        @Schema(nullable = true, description = "where the item came from, e.g. the meeting", example = "联席会议")
        String source,
        @Schema(example = "[\"重庆市交通局\", \"四川省交通运输厅\"]") List<String> ownerUnits,
        @Schema(nullable = true, example = "2023-06-30") String dueOn,
        @Schema(description = "ids of the joint projects it concerns", example = "[]") List<String> projectIds,
        @Schema(description = "OPEN, IN_PROGRESS, DELIVERED, VERIFIED or DROPPED", example = "VERIFIED") String status,
        @Schema(description = "dueOn is before today (Asia/Shanghai) and the item is OPEN or IN_PROGRESS",
                example = "false") boolean overdue,
        @Schema(description = "the day it was created (UTC date of the event)", example = "2023-01-10") String createdOn,
        @Schema(nullable = true, example = "2023-05-30") String deliveredOn,
        @Schema(nullable = true, example = "2023-06-20") String verifiedOn,
        @Schema(nullable = true) String droppedOn) {

    public static AgendaItemView of(Document d, LocalDate today) {
        String dueOn = d.getString("dueOn");
        String status = d.getString("status");
        return new AgendaItemView(d.getString("_id"), d.getString("list"), d.getString("title"), d.getString("source"),
                ReadModelFields.strings(d, "ownerUnits"), dueOn, ReadModelFields.strings(d, "projectIds"), status,
                Overdue.is(dueOn, status, today), d.getString("createdOn"), d.getString("deliveredOn"),
                d.getString("verifiedOn"), d.getString("droppedOn"));
    }
}
