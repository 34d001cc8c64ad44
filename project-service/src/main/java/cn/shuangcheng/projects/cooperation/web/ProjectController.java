package cn.shuangcheng.projects.cooperation.web;

import cn.shuangcheng.servicesupport.creation.CreationsByReference;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.CancelProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.CompleteProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.CorrectInvestmentCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.ListProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.RecordInvestmentCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.RecordMilestoneCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.ResumeProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.SetAnnualPlanCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.StartProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.SuspendProjectCommand;
import cn.shuangcheng.projects.cooperation.web.ProjectRequests.CompleteProject;
import cn.shuangcheng.projects.cooperation.web.ProjectRequests.CorrectInvestment;
import cn.shuangcheng.projects.cooperation.web.ProjectRequests.ListProject;
import cn.shuangcheng.projects.cooperation.web.ProjectRequests.ProposeProject;
import cn.shuangcheng.projects.cooperation.web.ProjectRequests.Reason;
import cn.shuangcheng.projects.cooperation.web.ProjectRequests.RecordInvestment;
import cn.shuangcheng.projects.cooperation.web.ProjectRequests.RecordMilestone;
import cn.shuangcheng.projects.cooperation.web.ProjectRequests.SetAnnualPlan;
import cn.shuangcheng.projects.cooperation.web.ProjectRequests.StartProject;
import cn.shuangcheng.support.web.ExpectedVersion;
import cn.shuangcheng.support.web.IdempotentRequest;
import cn.shuangcheng.support.web.WriteResponses;
import cn.shuangcheng.support.web.CreatesResource;
import cn.shuangcheng.support.web.WriteResult;
import cn.shuangcheng.support.web.VersionedRead;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.YearMonth;

/**
 * The write API of joint major projects (docs/api-guide.md, "project-service: joint major projects"). Each endpoint
 * turns its body into one command; the aggregate answers the new version. {@code If-Match} carries the version a client
 * expects.
 */
@RestController
@RequestMapping("/api/v1/projects")
@Tag(name = "Projects", description = "Joint major projects (共建重大项目): proposal to completion")
record ProjectController(CommandGateway commands, ProjectProposals proposals, ProjectReads reads) {

    @VersionedRead
    @GetMapping("/{id}")
    @Operation(operationId = "getProject",
            summary = "The project as decided now", description = "Read-your-writes from the event store: state, "
            + "list years, annual plans and recorded months, with the version as ETag (send it back as If-Match). "
            + "reporting-service serves the enriched view.")
    ResponseEntity<ProjectView> get(@PathVariable String id) {
        ProjectView project = reads.find(id);
        return ResponseEntity.ok().eTag(String.valueOf(project.version())).body(project);
    }

    @PostMapping
    @Operation(summary = "Propose a project", description = "201 with the new id; the same externalRef again "
            + "answers 200 with the existing id and creates nothing. Without an externalRef, sent again with the "
            + "same Idempotency-Key, it answers as the first time.")
    @CreatesResource(idempotent = true)
    ResponseEntity<WriteResult> propose(@IdempotentRequest String requestId, @Valid @RequestBody ProposeProject body) {
        CreationsByReference.Outcome outcome = proposals.propose(body, requestId);
        WriteResult result = new WriteResult(outcome.id(), outcome.version());
        return outcome.created() ? WriteResponses.created(result) : WriteResponses.ok(result);
    }

    @PostMapping("/{id}/listings")
    @Operation(summary = "Put the project on a year's joint major project list (the first listing approves it)")
    ResponseEntity<WriteResult> list(@PathVariable String id, @ExpectedVersion Long expectedVersion,
                                     @Valid @RequestBody ListProject body) {
        return send(id, new ListProjectCommand(id, expectedVersion, body.listYear()));
    }

    @PutMapping("/{id}/annual-plans/{year}")
    @Operation(summary = "Set the planned investment of a listed year")
    ResponseEntity<WriteResult> planYear(@PathVariable String id, @PathVariable int year,
                                         @ExpectedVersion Long expectedVersion,
                                         @Valid @RequestBody SetAnnualPlan body) {
        return send(id, new SetAnnualPlanCommand(id, expectedVersion, year, body.amountYuan()));
    }

    @PostMapping("/{id}/start")
    @Operation(summary = "Record the start of construction (开工)")
    ResponseEntity<WriteResult> start(@PathVariable String id, @ExpectedVersion Long expectedVersion,
                                      @Valid @RequestBody StartProject body) {
        return send(id, new StartProjectCommand(id, expectedVersion, body.startedOn()));
    }

    @PostMapping("/{id}/milestones")
    @Operation(summary = "Record a milestone reached")
    ResponseEntity<WriteResult> milestone(@PathVariable String id,
                                          @ExpectedVersion Long expectedVersion,
                                          @IdempotentRequest String requestId,
                                          @Valid @RequestBody RecordMilestone body) {
        return send(id, new RecordMilestoneCommand(id, expectedVersion, body.name(),
                body.reachedOn(), body.note(), requestId));
    }

    @PostMapping("/{id}/investments")
    @Operation(summary = "Record a month's completed investment", description = "One record per month: a second "
            + "for the same month is 409; change a month with PUT and a reason.")
    @CreatesResource
    ResponseEntity<WriteResult> invest(@PathVariable String id,
                                       @ExpectedVersion Long expectedVersion,
                                       @Valid @RequestBody RecordInvestment body) {
        long version = commands.sendAndWait(new RecordInvestmentCommand(id, expectedVersion,
                body.period(), body.amountYuan()));
        return WriteResponses.created(ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{period}").buildAndExpand(body.period().toString()).toUri(), new WriteResult(id, version));
    }

    @VersionedRead
    @GetMapping("/{id}/investments/{period}")
    @Operation(operationId = "getRecordedMonth",
            summary = "A recorded month, as decided now", description = "Where a recorded month's Location "
            + "leads: {period, amountYuan} as recorded or last corrected, with the project's version as ETag; 404 for "
            + "a month not recorded.")
    ResponseEntity<ProjectView.RecordedMonth> month(@PathVariable String id,
                                                    @PathVariable @DateTimeFormat(pattern = "yyyy-MM") YearMonth period) {
        ProjectView project = reads.find(id);
        ProjectView.RecordedMonth month = project.investments().stream()
                .filter(m -> m.period().equals(period.toString())).findFirst()
                .orElseThrow(() -> new AggregateNotFoundException(id, "no month " + period + " recorded"));
        return ResponseEntity.ok().eTag(String.valueOf(project.version())).body(month);
    }

    @PutMapping("/{id}/investments/{period}")
    @Operation(summary = "Correct a recorded month, with a reason", description = "The amount already recorded again "
            + "changes nothing and answers 200 with the same version: a PUT whose answer was lost can be sent again.")
    ResponseEntity<WriteResult> correct(@PathVariable String id,
                                        @PathVariable @DateTimeFormat(pattern = "yyyy-MM") YearMonth period,
                                        @ExpectedVersion Long expectedVersion,
                                        @Valid @RequestBody CorrectInvestment body) {
        return send(id, new CorrectInvestmentCommand(id, expectedVersion, period,
                body.amountYuan(), body.reason()));
    }

    @PostMapping("/{id}/completion")
    @Operation(summary = "Record completion")
    ResponseEntity<WriteResult> complete(@PathVariable String id,
                                         @ExpectedVersion Long expectedVersion,
                                         @Valid @RequestBody CompleteProject body) {
        return send(id, new CompleteProjectCommand(id, expectedVersion, body.completedOn()));
    }

    @PostMapping("/{id}/suspension")
    @Operation(summary = "Suspend the project")
    ResponseEntity<WriteResult> suspend(@PathVariable String id,
                                        @ExpectedVersion Long expectedVersion,
                                        @Valid @RequestBody Reason body) {
        return send(id, new SuspendProjectCommand(id, expectedVersion, body.reason()));
    }

    @PostMapping("/{id}/resumption")
    @Operation(summary = "Resume a suspended project")
    ResponseEntity<WriteResult> resume(@PathVariable String id,
                                       @ExpectedVersion Long expectedVersion,
                                       @Valid @RequestBody Reason body) {
        return send(id, new ResumeProjectCommand(id, expectedVersion, body.reason()));
    }

    @PostMapping("/{id}/cancellation")
    @Operation(summary = "Cancel the project; nothing but corrections change it afterwards")
    ResponseEntity<WriteResult> cancel(@PathVariable String id,
                                       @ExpectedVersion Long expectedVersion,
                                       @Valid @RequestBody Reason body) {
        return send(id, new CancelProjectCommand(id, expectedVersion, body.reason()));
    }

    private ResponseEntity<WriteResult> send(String id, Object command) {
        long version = commands.sendAndWait(command);
        return WriteResponses.ok(new WriteResult(id, version));
    }
}
