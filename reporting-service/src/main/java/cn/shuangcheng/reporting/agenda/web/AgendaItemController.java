package cn.shuangcheng.reporting.agenda.web;

import cn.shuangcheng.reporting.agenda.api.AgendaItemView;
import cn.shuangcheng.reporting.agenda.domain.Overdue;
import cn.shuangcheng.reporting.agenda.mongo.AgendaItemQueries;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.shuangcheng.reporting.agenda.domain.AgendaFilterValues.AgendaList;
import cn.shuangcheng.reporting.agenda.domain.AgendaFilterValues.AgendaStatus;
import cn.shuangcheng.reporting.readmodel.web.NotFoundException;
import cn.shuangcheng.reporting.readmodel.api.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The three-lists items of the read model: list with filters, one item. Scope reports:read. */
@RestController
@Tag(name = "agenda-items", description = "The three lists (三张清单) as the read side knows them; scope reports:read")
public record AgendaItemController(AgendaItemQueries queries) {

    private static final int MAX_TEXT = 200;

    @GetMapping("/api/v1/agenda-items")
    @Operation(operationId = "listAgendaItems", summary = "Three-lists items, filtered and paged",
            description = "Filters (all optional, combined with and): list, status, overdue (true: dueOn before "
                    + "today in Asia/Shanghai and still OPEN or IN_PROGRESS; false: all others), ownerUnit (one of "
                    + "the item's owner units, exact name), projectId (one of the projects it concerns). Paged "
                    + "{items, page, size, total}, page at most 10,000, size at most 500, ordered by id.")
    public Page<AgendaItemView> list(
            @RequestParam(required = false) AgendaList list,
            @RequestParam(required = false) AgendaStatus status,
            @Parameter(description = "dueOn before today (Asia/Shanghai) and not DELIVERED, VERIFIED or DROPPED")
            @RequestParam(required = false) Boolean overdue,
            @Parameter(example = "重庆市交通局") @RequestParam(required = false) @Size(max = MAX_TEXT) String ownerUnit,
            @RequestParam(required = false) @Size(max = MAX_TEXT) String projectId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return queries.list(new AgendaItemQueries.Filter(list, status, overdue, ownerUnit, projectId),
                Overdue.today(), page, size);
    }

    @GetMapping("/api/v1/agenda-items/{id}")
    @Operation(operationId = "getAgendaItem", summary = "One three-lists item",
            description = "As the read side knows it, with overdue as of today (Asia/Shanghai). project-service "
                    + "answers the same path with the item as decided now and its version (ETag).")
    public AgendaItemView one(@PathVariable String id) {
        return queries.find(id, Overdue.today())
                .orElseThrow(() -> new NotFoundException("No three-lists item with this id exists."));
    }
}
