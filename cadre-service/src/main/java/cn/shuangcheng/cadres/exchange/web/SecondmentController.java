package cn.shuangcheng.cadres.exchange.web;

import cn.shuangcheng.cadres.exchange.api.Indicator;
import cn.shuangcheng.cadres.exchange.application.Registration;
import cn.shuangcheng.cadres.exchange.application.SecondmentRegistrations;
import cn.shuangcheng.cadres.exchange.application.SecondmentWrites;
import cn.shuangcheng.cadres.exchange.web.ExchangeRequests.CompleteSecondment;
import cn.shuangcheng.cadres.exchange.web.ExchangeRequests.EndSecondmentEarly;
import cn.shuangcheng.cadres.exchange.web.ExchangeRequests.ExtendSecondment;
import cn.shuangcheng.cadres.exchange.web.ExchangeRequests.RecordArrival;
import cn.shuangcheng.cadres.exchange.web.ExchangeRequests.RecordContribution;
import cn.shuangcheng.cadres.exchange.web.ExchangeRequests.RegisterSecondment;
import cn.shuangcheng.support.web.ExpectedVersion;
import cn.shuangcheng.support.web.IdempotentRequest;
import cn.shuangcheng.support.web.WriteResponses;
import cn.shuangcheng.support.web.CreatesResource;
import cn.shuangcheng.support.web.WriteResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;
import java.util.UUID;

/**
 * The write API of secondments (docs/api-guide.md, "cadre-service: the cadre exchange"). Each endpoint goes through
 * {@link SecondmentRegistrations} or {@link SecondmentWrites}, which resolve the person in the registry and send one
 * command; the answer is the secondment's new version.
 */
@RestController
@RequestMapping("/api/v1/secondments")
@Tag(name = "Secondments", description = "One cadre's secondment (挂职) from registration to completion")
record SecondmentController(SecondmentRegistrations registrations, SecondmentWrites writes) {

    @PostMapping
    @Operation(summary = "Second a cadre", description = "Takes a place of the batch's quota in the direction (409 "
            + "when none is left) and registers the cadre in the registry; the home region must be on the sending "
            + "side, the host region on the receiving side (422); a person's secondments never overlap (409). The "
            + "name and personnel number stay in cadre-service: events carry a pseudonymous cadreId. Sent again with "
            + "the same Idempotency-Key, the same registration answers the secondment it registered, and registers "
            + "nothing new.")
    @CreatesResource
    ResponseEntity<WriteResult> register(@IdempotentRequest String requestId,
                                         @Valid @RequestBody RegisterSecondment body) {
        WriteResult result = registrations.register(new Registration(body.batchNumber(), body.cadre().name(),
                body.cadre().personnelNo(), body.direction(), body.homeUnit(), body.homeRegion(), body.hostUnit(),
                body.hostRegion(), body.hostPost(), body.startOn(), body.endOn()), requestId);
        return WriteResponses.created(result);
    }

    @PostMapping("/{id}/arrival")
    @Operation(summary = "Record the cadre's arrival on post (到岗); not before the start")
    ResponseEntity<WriteResult> arrival(@PathVariable String id,
                                        @ExpectedVersion Long expectedVersion,
                                        @Valid @RequestBody RecordArrival body) {
        return WriteResponses.ok(writes.recordArrival(id, expectedVersion, body.arrivedOn()));
    }

    @PostMapping("/{id}/contributions")
    @Operation(summary = "Record a contribution", description = "Only while on post (409 otherwise), dated within "
            + "the secondment (422). Categories: MODERN_INDUSTRY 现代产业, INFRASTRUCTURE 基础设施, SCIENCE_TECH 科技, "
            + "FINANCE 金融, OPENING_UP 改革开放, CONSUMPTION 消费, ECOLOGY 生态环保, PUBLIC_SERVICE 公共服务. "
            + "The summary, project ids and indicator names and units must not contain the cadre's name or personnel "
            + "number (422).")
    @CreatesResource
    ResponseEntity<WriteResult> contribution(@PathVariable String id,
                                             @ExpectedVersion Long expectedVersion,
                                             @IdempotentRequest String requestId,
                                             @Valid @RequestBody RecordContribution body) {
        // a contribution's id is its request's: the same request sent again names the contribution it recorded
        String contributionId = requestId != null ? requestId : UUID.randomUUID().toString();
        List<Indicator> indicators = body.indicators() == null ? null : body.indicators().stream()
                .map(i -> new Indicator(i.name().strip(), i.value(), i.unit().strip())).toList();
        WriteResult result = writes.recordContribution(id, expectedVersion, contributionId,
                body.on(), body.category(), body.summary(), body.projectIds(), indicators);
        return WriteResponses.created(ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{contributionId}")
                .buildAndExpand(contributionId).toUri(), result);
    }

    @PostMapping("/{id}/extension")
    @Operation(summary = "Extend the secondment: the end moves later, without overlapping another secondment of "
            + "the person")
    ResponseEntity<WriteResult> extension(@PathVariable String id,
                                          @ExpectedVersion Long expectedVersion,
                                          @Valid @RequestBody ExtendSecondment body) {
        return WriteResponses.ok(writes.extend(id, expectedVersion, body.endOn(), body.reason()));
    }

    @PostMapping("/{id}/completion")
    @Operation(summary = "Record completion; closes the secondment")
    ResponseEntity<WriteResult> completion(@PathVariable String id,
                                           @ExpectedVersion Long expectedVersion,
                                           @Valid @RequestBody CompleteSecondment body) {
        return WriteResponses.ok(writes.complete(id, expectedVersion, body.completedOn(),
                body.reason()));
    }

    @PostMapping("/{id}/early-end")
    @Operation(summary = "End the secondment before its planned end, with a reason; closes it")
    ResponseEntity<WriteResult> earlyEnd(@PathVariable String id,
                                         @ExpectedVersion Long expectedVersion,
                                         @Valid @RequestBody EndSecondmentEarly body) {
        return WriteResponses.ok(writes.endEarly(id, expectedVersion, body.endedOn(),
                body.reason()));
    }
}
