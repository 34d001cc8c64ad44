package cn.shuangcheng.reporting.rebuild.web;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.shuangcheng.reporting.rebuild.application.Rebuilds;
import cn.shuangcheng.reporting.readmodel.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Admin: rebuild the read models from the topics (scope {@code reports:admin}). */
@RestController
@Tag(name = "admin", description = "Read-model administration; scope reports:admin")
public record RebuildController(Rebuilds rebuilds) {

    @PostMapping("/api/v1/admin/rebuilds")
    @Operation(operationId = "startRebuild", summary = "Start a rebuild",
            description = "Replays both topics from the beginning into a fresh generation of the read-model "
                    + "collections; queries keep reading the active generation until the rebuild has caught up "
                    + "(lag zero on every partition), then switch to it. One rebuild runs at a time across all "
                    + "instances: 202 with the rebuild's status; 409 if one is running on any instance. Scope "
                    + "reports:admin.")
    @ApiResponse(responseCode = "202", description = "Started: the rebuild's status; Location leads to it",
            headers = @Header(name = "Location", description = "Where the rebuild's progress can be read",
                    schema = @Schema(type = "string", format = "uri")),
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = Rebuilds.Status.class)))
    public ResponseEntity<Rebuilds.Status> start() {
        Rebuilds.Status status = rebuilds.start();
        return ResponseEntity.accepted().location(URI.create("/api/v1/admin/rebuilds/" + status.id())).body(status);
    }

    @GetMapping("/api/v1/admin/rebuilds/{id}")
    @Operation(operationId = "getRebuild",
            summary = "Status of a rebuild of any instance (RUNNING, COMPLETED, FAILED, with the remaining lag)")
    public Rebuilds.Status status(@PathVariable int id) {
        return rebuilds.status(id).orElseThrow(() -> new NotFoundException("No rebuild " + id + "."));
    }

    @GetMapping("/api/v1/admin/rebuilds")
    @Operation(operationId = "listRebuilds", summary = "The latest rebuilds of all instances, newest first")
    public List<Rebuilds.Status> all() {
        return rebuilds.all();
    }
}
