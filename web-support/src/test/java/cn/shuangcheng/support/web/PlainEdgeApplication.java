package cn.shuangcheng.support.web;

import static cn.shuangcheng.support.web.ApiAuthorizationRules.scope;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.kernel.StateConflictException;
import cn.shuangcheng.support.web.bounds.BoundedDecimal;
import cn.shuangcheng.support.web.bounds.Yuan;
import com.mongodb.MongoTimeoutException;

/**
 * A service without Axon on web-support alone, as reporting-service is: a plain controller over a map. Proves the
 * edge works without service-support (Axon's exceptions are service-support's {@code AxonProblemMapper}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(PlainEdgeApplication.Notes.class)
public class PlainEdgeApplication {

    @Bean
    ApiAuthorizationRules notesRules() {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/notes/**").hasAuthority(scope("notes:read"))
                .requestMatchers("/api/notes/**").hasAuthority(scope("notes:write"));
    }

    /** A mapper of this service's own exception, as service-support maps Axon's. */
    @Bean
    ProblemMapper goneMapper() {
        return new ProblemMapper() {
            @Override
            public java.util.Optional<org.springframework.http.ProblemDetail> problemFor(Throwable exception) {
                return exception instanceof NoteGoneException
                        ? java.util.Optional.of(Problems.of(ProblemKind.NOT_FOUND, "No note with this id exists."))
                        : java.util.Optional.empty();
            }
        };
    }

    static final class NoteGoneException extends RuntimeException {
    }

    @RestController
    static class Notes {

        record NoteRequest(@NotBlank String text, @PositiveOrZero long amountYuan) {
        }

        private final Map<String, String> notes = new ConcurrentHashMap<>();

        @PostMapping("/api/notes/{id}")
        ResponseEntity<WriteResult> write(@PathVariable String id, @Valid @RequestBody NoteRequest body) {
            if (body.text().equals("reserved")) {
                throw new RuleViolatedException("text", "'reserved' is not available");
            }
            if (notes.putIfAbsent(id, body.text()) != null) {
                // wrapped, as a controller joining a future sees it
                CompletableFuture.failedFuture(new StateConflictException("The note exists.")).join();
            }
            return WriteResponses.created(new WriteResult(id, 0));
        }

        @GetMapping("/api/notes/{id}")
        String read(@PathVariable String id) {
            if (id.equals("gone")) {
                throw new NoteGoneException();
            }
            if (id.equals("boom")) {
                throw new IllegalStateException("database password is hunter2");
            }
            return notes.getOrDefault(id, "");
        }

        record MeasureRequest(@NotNull @BoundedDecimal BigDecimal value, @Yuan Long amountYuan, java.time.LocalDate on,
                              java.time.YearMonth period) {
        }

        @PostMapping("/api/notes/{id}/measures")
        ResponseEntity<WriteResult> measure(@PathVariable String id, @Valid @RequestBody MeasureRequest body) {
            return WriteResponses.created(new WriteResult(id, 1));
        }

        /** As a repository call sees a MongoDB that cannot be reached. */
        @GetMapping("/api/notes/offline")
        String offline() {
            throw new IllegalStateException("could not load the note",
                    new MongoTimeoutException("Timed out while waiting for a server that matches ReadPreference"));
        }

        @GetMapping("/api/notes")
        List<String> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                @RequestParam(defaultValue = "50") @Max(500) int size) {
            return List.of(page + "/" + size);
        }
    }
}
