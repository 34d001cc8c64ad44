package cn.shuangcheng.reporting.projects.api;

import java.util.Map;

import org.bson.Document;

import cn.shuangcheng.reporting.readmodel.api.ReadModelFields;
import io.swagger.v3.oas.annotations.media.Schema;

/** One event applied to a project, as the timeline lists it. */
@Schema(description = "One event applied to the project")
public record TimelineEntry(
        @Schema(description = "the event's sequence number within the project (0 for the first)", example = "6")
        long sequence,
        @Schema(description = "the CloudEvents type", example = "shuangcheng.project.InvestmentCorrected.v1")
        String type,
        @Schema(description = "when the event happened (instant, UTC)", example = "2023-02-10T01:30:00Z") String time,
        @Schema(description = "who caused it", example = "joint-office-clerk") String principal,
        @Schema(description = "the event's data, as its JSON Schema in contracts describes it", type = "object",
                types = "object",
                example = "{\"projectId\": \"3f1c2a9e-8d4b-4c61-9a0e-2b7d5c1e6f80\", \"period\": \"2023-01\", "
                        + "\"amountYuan\": 650000000, \"previousAmountYuan\": 600000000, \"reason\": \"统计口径调整\"}")
        Map<String, Object> data) {

    public static TimelineEntry of(Document event) {
        return new TimelineEntry(ReadModelFields.longOrZero(event, "sequence"), event.getString("type"),
                event.getString("time"), event.getString("principal"), event.get("data", Document.class));
    }
}
