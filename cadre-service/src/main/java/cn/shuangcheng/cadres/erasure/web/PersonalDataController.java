package cn.shuangcheng.cadres.erasure.web;

import cn.shuangcheng.cadres.erasure.PersonalDataErasure;
import cn.shuangcheng.support.correlation.Principals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The right to deletion of a cadre's personal data (docs/api-guide.md, "Erasure"). Scope {@code cadres:pii}. */
@RestController
@RequestMapping("/api/v1/cadres")
@Tag(name = "Cadres", description = "A seconded cadre's personal data, known elsewhere only by the cadreId")
record PersonalDataController(PersonalDataErasure erasure) {

    /** Named in the event when the token names nobody (no sub, client_id or azp): the schema needs a principal. */
    private static final String UNNAMED_CALLER = "unnamed-caller";

    @DeleteMapping("/{cadreId}/personal-data")
    @Operation(summary = "Erase a cadre's name and personnel number", description = "The right to deletion of "
            + "China's Personal Information Protection Law, Art. 47. Needs cadres:pii. 204; afterwards every view "
            + "shows the person as erased (name and personnelNo ***, erased true) and nothing can bring the data back; "
            + "the secondments, contributions and reports stay. Records the event CadrePersonalDataErased (cadreId, "
            + "principal, time) once. Erasing again is 204 and changes nothing; an unknown cadreId is 404. Backups "
            + "are outside: they age out under the operator's retention.")
    @ApiResponse(responseCode = "204", description = "Erased (now or before): no body")
    ResponseEntity<Void> erase(@PathVariable String cadreId) {
        erasure.erase(cadreId, Principals.current().orElse(UNNAMED_CALLER));
        return ResponseEntity.noContent().build();
    }
}
