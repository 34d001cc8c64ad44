package cn.shuangcheng.projects.agenda.web;

import cn.shuangcheng.servicesupport.creation.CreationsByReference;
import cn.shuangcheng.projects.agenda.api.AgendaItemCommands.DeliverAgendaItemCommand;
import cn.shuangcheng.projects.agenda.api.AgendaItemCommands.DropAgendaItemCommand;
import cn.shuangcheng.projects.agenda.api.AgendaItemCommands.ReportAgendaProgressCommand;
import cn.shuangcheng.projects.agenda.api.AgendaItemCommands.VerifyAgendaItemCommand;
import cn.shuangcheng.projects.agenda.api.AgendaList;
import cn.shuangcheng.projects.agenda.domain.AgendaItem;
import cn.shuangcheng.projects.agenda.domain.DecidedAgendaItem;
import cn.shuangcheng.servicesupport.eventstore.AggregateReads;
import cn.shuangcheng.support.web.ExpectedVersion;
import cn.shuangcheng.support.web.IdempotentRequest;
import cn.shuangcheng.support.web.WriteResponses;
import cn.shuangcheng.support.web.CreatesResource;
import cn.shuangcheng.support.web.WriteResult;
import io.swagger.v3.oas.annotations.Operation;
import cn.shuangcheng.kernel.Bounds;
import cn.shuangcheng.support.web.VersionedRead;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

/** The write API of the joint office's three lists (三张清单): OPEN → IN_PROGRESS → DELIVERED → VERIFIED. */
@RestController
@RequestMapping("/api/v1/agenda-items")
@Tag(name = "Three lists", description = "Policy needs, agreed matters and work results of the joint office")
record AgendaItemController(CommandGateway commands, AgendaItemCreations creations,
                            org.axonframework.config.Configuration axon) {

    @Schema(description = "An item of one of the three lists (三张清单)")
    record CreateAgendaItem(@NotNull @Schema(example = "POLICY_NEED") AgendaList list,
                            @NotBlank @Size(max = Bounds.MAX_NAME) @Schema(example = "跨省公交线路审批与运营补贴衔接需求") String title,
                            @Size(max = Bounds.MAX_NAME) @Schema(description = "Where it was raised, e.g. the meeting") String source,
                            @NotEmpty @Size(max = Bounds.MAX_LIST) @Schema(example = "[\"重庆市交通局\", \"四川省交通运输厅\"]")
                            List<@NotBlank @Size(max = Bounds.MAX_NAME) String> ownerUnits,
                            @Schema(example = "2023-06-30") LocalDate dueOn,
                            @Size(max = Bounds.MAX_LIST) @Schema(description = "Ids of the projects it concerns")
                            List<@NotBlank @Size(max = 100) String> projectIds,
                            @Size(max = 100) @Schema(description = "The item's id in the system it comes from; the "
                                    + "same externalRef again answers 200 with the existing id and its version, "
                                    + "and creates nothing", example = "TL-2023-001") String externalRef) {
    }

    @Schema(description = "What was done, kept in the event")
    record Note(@NotBlank @Size(max = Bounds.MAX_TEXT) @Schema(example = "转两省市交通部门") String note) {
    }

    @VersionedRead
    @GetMapping("/{id}")
    @Operation(operationId = "getAgendaItem",
            summary = "The item as decided now", description = "Read-your-writes from the event store, with the "
            + "version as ETag (send it back as If-Match).")
    ResponseEntity<AgendaItemView> get(@PathVariable String id) {
        AggregateReads.Versioned<DecidedAgendaItem> item = AggregateReads.read(axon.repository(AgendaItem.class), id,
                AgendaItem::decided);
        return ResponseEntity.ok().eTag(String.valueOf(item.version()))
                .body(AgendaItemView.of(item.answer(), item.version()));
    }

    @PostMapping
    @Operation(summary = "Open an item on one of the three lists", description = "201 with the new id; the same "
            + "externalRef again answers 200 with the existing id and its current version, and creates nothing. "
            + "Without an externalRef, sent again with the same Idempotency-Key, it answers as the first time.")
    @CreatesResource(idempotent = true)
    ResponseEntity<WriteResult> create(@IdempotentRequest String requestId,
                                       @Valid @RequestBody CreateAgendaItem body) {
        CreationsByReference.Outcome outcome = creations.create(body, requestId);
        WriteResult result = new WriteResult(outcome.id(), outcome.version());
        return outcome.created() ? WriteResponses.created(result) : WriteResponses.ok(result);
    }

    @PostMapping("/{id}/progress")
    @Operation(summary = "Report progress (OPEN or IN_PROGRESS → IN_PROGRESS)")
    ResponseEntity<WriteResult> progress(@PathVariable String id,
                                         @ExpectedVersion Long expectedVersion,
                                         @IdempotentRequest String requestId,
                                         @Valid @RequestBody Note body) {
        return send(id, expectedVersion, body,
                (item, version, note) -> new ReportAgendaProgressCommand(item, version, note, requestId));
    }

    @PostMapping("/{id}/delivery")
    @Operation(summary = "Report the item delivered")
    ResponseEntity<WriteResult> deliver(@PathVariable String id,
                                        @ExpectedVersion Long expectedVersion,
                                        @Valid @RequestBody Note body) {
        return send(id, expectedVersion, body, DeliverAgendaItemCommand::new);
    }

    @PostMapping("/{id}/verification")
    @Operation(summary = "Verify a delivered item (销号)")
    ResponseEntity<WriteResult> verify(@PathVariable String id,
                                       @ExpectedVersion Long expectedVersion,
                                       @Valid @RequestBody Note body) {
        return send(id, expectedVersion, body, VerifyAgendaItemCommand::new);
    }

    @PostMapping("/{id}/drop")
    @Operation(summary = "Drop the item before it is verified")
    ResponseEntity<WriteResult> drop(@PathVariable String id,
                                     @ExpectedVersion Long expectedVersion,
                                     @Valid @RequestBody Note body) {
        return send(id, expectedVersion, body, DropAgendaItemCommand::new);
    }

    /** Every transition has the same shape: id, expected version, note. */
    private ResponseEntity<WriteResult> send(String id, Long expectedVersion, Note body, NoteCommand factory) {
        long version = commands.sendAndWait(factory.create(id, expectedVersion, body.note()));
        return WriteResponses.ok(new WriteResult(id, version));
    }

    @FunctionalInterface
    private interface NoteCommand {
        Object create(String id, Long expectedVersion, String note);
    }
}
