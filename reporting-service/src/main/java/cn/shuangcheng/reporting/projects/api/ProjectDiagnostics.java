package cn.shuangcheng.reporting.projects.api;

import java.util.List;

import org.bson.Document;

import cn.shuangcheng.reporting.readmodel.api.ReadModelFields;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How far the read model has applied one project's events (docs/architecture.md, "gaps"): for operators, under
 * reports:admin. Not part of the partner view, because these are facts of one read-model generation, not of the
 * project, and change on a rebuild.
 */
@Schema(description = "The read model's bookkeeping for one project (scope reports:admin)")
public record ProjectDiagnostics(
        @Schema(example = "3f1c2a9e-8d4b-4c61-9a0e-2b7d5c1e6f80") String id,
        @Schema(description = "the read-model generation answering (a rebuild starts the next one)", example = "1")
        int generation,
        @Schema(description = "every event up to this sequence has been applied", example = "6") long lastSequence,
        @Schema(description = "the highest sequence applied", example = "6") long maxSequence,
        @Schema(description = "events applied", example = "7") int eventCount,
        Gaps gaps,
        @Schema(description = "the regions' roll-up codes (functional zones to their parent), as the portfolio counts "
                + "them", example = "[\"510100\", \"500000\"]") List<String> rollUpRegions,
        @Schema(description = "time of the latest event applied (instant, UTC)", example = "2023-02-10T01:30:00Z")
        String updatedAt) {

    @Schema(description = "sequences missing below maxSequence: events not (yet) received")
    public record Gaps(@Schema(example = "0") int count,
                       @Schema(description = "at most the first 100", example = "[]") List<Long> missingSequences) {
    }

    public static ProjectDiagnostics of(int generation, Document d) {
        Document gaps = d.get("gaps", Document.class);
        List<Long> missing = gaps == null ? List.of() : gaps.getList("missingSequences", Object.class, List.of())
                .stream().filter(Number.class::isInstance).map(n -> ((Number) n).longValue()).toList();
        return new ProjectDiagnostics(d.getString("_id"), generation, ReadModelFields.longOrZero(d, "lastSequence"),
                ReadModelFields.longOrZero(d, "maxSequence"), ReadModelFields.intOrZero(d, "eventCount"),
                new Gaps(gaps == null ? 0 : ReadModelFields.intOrZero(gaps, "count"), missing),
                ReadModelFields.strings(d, "rollUpRegions"), d.getString("updatedAt"));
    }
}
