package cn.shuangcheng.support.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's whitelabel/JSON error controller, so that the few errors that bypass Spring MVC's
 * exception handling (an exception thrown by a servlet filter, {@code sendError} from the container)
 * are answered with the same problem+json as everything else, without exception details.
 */
@Hidden // not an operation of the API: the answer of errors that bypass MVC
@RestController
public class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 ? i : 500;
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status >= 500 && exception instanceof Throwable t) {
            log.error("Request to {} failed outside MVC", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), t);
        }
        ProblemKind kind = ProblemKind.forStatus(status);
        ProblemDetail problem = Problems.of(kind, status >= 500
                ? Problems.text("problem.detail.internal")
                : Problems.text("problem.detail.status", ProblemMessages.title(kind)));
        problem.setStatus(status);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
