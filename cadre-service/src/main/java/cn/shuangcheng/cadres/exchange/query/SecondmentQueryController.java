package cn.shuangcheng.cadres.exchange.query;

import cn.shuangcheng.cadres.exchange.api.ContributionCategory;
import cn.shuangcheng.cadres.exchange.api.Direction;
import cn.shuangcheng.cadres.exchange.api.SecondmentStatus;
import cn.shuangcheng.cadres.exchange.query.SecondmentView.CadreView;
import cn.shuangcheng.cadres.exchange.query.SecondmentView.ContributionView;
import cn.shuangcheng.cadres.exchange.query.SecondmentView.ExtensionView;
import cn.shuangcheng.cadres.exchange.query.SecondmentView.IndicatorView;
import cn.shuangcheng.cadres.exchange.query.SecondmentView.PageView;
import cn.shuangcheng.cadres.registry.CadreIdentity;
import cn.shuangcheng.cadres.registry.CadreRegistry;
import cn.shuangcheng.cadres.registry.Masking;
import cn.shuangcheng.support.web.VersionedRead;
import cn.shuangcheng.kernel.Bounds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Secondments as the joint office reads them, from cadre-service's own read model (it lags the writes by the
 * tracking processor's delay, usually well under a second; one secondment is read only once it has caught up with
 * the event store, {@link FreshSecondments}). Names and personnel numbers come from the registry and
 * are shown in clear only to callers with the {@code cadres:pii} scope; a person whose personal data was erased is
 * shown as erased, with {@link Masking#ERASED} in their place, to everyone.
 */
@RestController
@RequestMapping("/api/v1/secondments")
@Tag(name = "Secondments")
record SecondmentQueryController(SecondmentViews views, FreshSecondments fresh, CadreRegistry registry) {

    static final String PII_AUTHORITY = "SCOPE_cadres:pii";

    @GetMapping
    @Operation(operationId = "listSecondments",
            summary = "List secondments", description = "Filters batchNumber, direction, status; paged "
            + "(size at most 500), ordered by batch, direction, start. Names and personnel numbers only with "
            + "cadres:pii, otherwise masked (蒲*). Needs cadres:write, reports:read or cadres:pii.")
    PageView list(@RequestParam(required = false) Integer batchNumber,
                  @RequestParam(required = false) Direction direction,
                  @RequestParam(required = false) SecondmentStatus status,
                  @RequestParam(defaultValue = "0") @Min(0) @Max(Bounds.MAX_PAGE) int page,
                  @RequestParam(defaultValue = "50") @Min(1) @Max(Bounds.MAX_PAGE_SIZE) int size,
                  Authentication caller) {
        SecondmentViews.Page found = views.list(batchNumber, direction, status, page, size);
        Set<String> cadreIds = found.items().stream().map(d -> d.getString(SecondmentViews.CADRE_ID))
                .collect(Collectors.toSet());
        Map<String, CadreIdentity> people = registry.identities(cadreIds);
        boolean pii = mayReadPersonalData(caller);
        List<SecondmentView> items = new ArrayList<>();
        for (Document view : found.items()) {
            items.add(toView(view, people.get(view.getString(SecondmentViews.CADRE_ID)), pii, false));
        }
        return new PageView(items, page, size, found.total());
    }

    @VersionedRead
    @GetMapping("/{id}")
    @Operation(operationId = "getSecondment",
            summary = "One secondment with its contributions", description = "Same masking as the list. "
            + "Read-your-writes: the answer includes every change stored so far, with its version as ETag (503 with "
            + "Retry-After in the rare case the read model is more than a few seconds behind). A change the read "
            + "model could not apply is parked in the dead-letter queue with the later ones behind it; until an "
            + "operator retries or drops it, the answer is the secondment as applied, with that lower version as "
            + "ETag (an If-Match with it is 409), and 503 when not even the registration is applied.")
    ResponseEntity<SecondmentView> one(@PathVariable String id, Authentication caller) {
        SecondmentView view = current(found(id), caller);
        return ResponseEntity.ok().eTag(String.valueOf(view.version())).body(view);
    }

    @VersionedRead
    @GetMapping("/{id}/contributions/{contributionId}")
    @Operation(operationId = "getContribution",
            summary = "One contribution of a secondment", description = "Where a recorded contribution's "
            + "Location leads; read-your-writes like the secondment, whose version is the ETag. While a change of "
            + "the secondment is parked, a contribution the applied view does not hold is 503, not 404: it may be "
            + "stored behind the parked change.")
    ResponseEntity<SecondmentView.ContributionView> contribution(@PathVariable String id,
                                                                 @PathVariable String contributionId,
                                                                 Authentication caller) {
        FreshSecondments.Found fresh = found(id);
        SecondmentView view = current(fresh, caller);
        ContributionView found = view.contributions().stream()
                .filter(c -> c.contributionId().equals(contributionId)).findFirst()
                .orElseThrow(() -> fresh.behindParkedChange()
                        // it may be stored behind the parked change: not a 404 a client would answer by recording it
                        ? new FreshSecondments.ReadModelBehindException(id, view.version(), true)
                        : new AggregateNotFoundException(id, "no contribution " + contributionId));
        return ResponseEntity.ok().eTag(String.valueOf(view.version())).body(found);
    }

    private FreshSecondments.Found found(String id) {
        return fresh.find(id).orElseThrow(() -> new AggregateNotFoundException(id, "no secondment " + id));
    }

    private SecondmentView current(FreshSecondments.Found found, Authentication caller) {
        Document view = found.view();
        String cadreId = view.getString(SecondmentViews.CADRE_ID);
        CadreIdentity person = registry.identities(List.of(cadreId)).get(cadreId);
        return toView(view, person, mayReadPersonalData(caller), true);
    }

    private static boolean mayReadPersonalData(Authentication caller) {
        return caller != null && caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(PII_AUTHORITY::equals);
    }

    private static SecondmentView toView(Document view, CadreIdentity person, boolean pii, boolean withDetails) {
        String cadreId = view.getString(SecondmentViews.CADRE_ID);
        boolean erased = person != null && person.erased();
        CadreIdentity shown = person == null ? new CadreIdentity(cadreId, null, null)
                : erased ? new CadreIdentity(cadreId, Masking.ERASED, Masking.ERASED)
                : pii ? person : person.masked();
        List<Document> contributions = view.getList(SecondmentViews.CONTRIBUTIONS, Document.class, List.of());
        return new SecondmentView(view.getString(SecondmentViews.ID), view.getInteger(SecondmentViews.BATCH_NUMBER),
                Direction.valueOf(view.getString(SecondmentViews.DIRECTION)),
                SecondmentStatus.valueOf(view.getString(SecondmentViews.STATUS)),
                new CadreView(cadreId, shown.name(), shown.personnelNo(), !pii || erased, erased),
                view.getString("homeUnit"), view.getString("homeRegion"), view.getString("hostUnit"),
                view.getString("hostRegion"), view.getString("hostPost"),
                date(view, SecondmentViews.START_ON), date(view, "endOn"), date(view, "plannedEndOn"),
                date(view, "arrivedOn"), date(view, "completedOn"), date(view, "endedOn"),
                view.getString("endReason"), contributions.size(),
                withDetails ? contributions.stream().map(SecondmentQueryController::contribution).toList() : null,
                withDetails ? view.getList("extensions", Document.class, List.of()).stream()
                        .map(e -> new ExtensionView(date(e, "endOn"), date(e, "previousEndOn"), e.getString("reason")))
                        .toList() : null,
                ((Number) view.get(SecondmentViews.LAST_SEQUENCE)).longValue());
    }

    private static ContributionView contribution(Document c) {
        List<IndicatorView> indicators = c.getList("indicators", Document.class, List.of()).stream()
                .map(i -> new IndicatorView(i.getString("name"), SecondmentProjection.readValue(i.get("value")),
                        i.getString("unit")))
                .toList();
        return new ContributionView(c.getString("contributionId"), date(c, "on"),
                ContributionCategory.valueOf(c.getString("category")), c.getString("summary"),
                c.getList("projectIds", String.class, List.of()), indicators);
    }

    private static LocalDate date(Document document, String field) {
        String value = document.getString(field);
        return value == null ? null : LocalDate.parse(value);
    }
}
