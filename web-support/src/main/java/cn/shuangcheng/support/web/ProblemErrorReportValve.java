package cn.shuangcheng.support.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;

import cn.shuangcheng.support.correlation.CorrelationFilter;
import cn.shuangcheng.support.correlation.CorrelationKeys;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's last word on a request that never reached the application: a path it cannot decode or normalise
 * ({@code %00}, {@code ..%2F}, a broken escape) is refused while the request line is parsed, before the servlet
 * filters, Spring Security and {@link ProblemErrorController} run, and Tomcat's own valve answers with an HTML page.
 * This valve answers with the same problem+json as the rest of the API, a correlation id, and nothing about the
 * server. Anything the application already wrote is left alone.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ProblemKind kind = ProblemKind.forStatus(status);
        var problem = Problems.of(kind, status >= 500
                ? "The request could not be processed. Quote the X-Correlation-Id response header when reporting this."
                : "The request could not be read: " + kind.title() + ".");
        problem.setStatus(status);
        // the id the correlation filter already gave the request, if it ran; else the caller's sane one or a new one
        String correlationId = response.getHeader(CorrelationKeys.CORRELATION_ID_HEADER);
        if (correlationId == null) {
            correlationId = CorrelationFilter.correlationId(request.getHeader(CorrelationKeys.CORRELATION_ID_HEADER));
        }
        log.info("Container answered {} before the application ({}), correlation id {}", status,
                request.getRequestURI() == null ? "no URI" : "URI refused", correlationId);
        try {
            byte[] body = JSON.writeValueAsBytes(ProblemResponseWriter.members(problem));
            // true: also forget a writer the application may have asked for, so the output stream can be used
            response.resetBuffer(true);
            response.setHeader(CorrelationKeys.CORRELATION_ID_HEADER, correlationId);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing left to tell anyone
        }
    }
}
