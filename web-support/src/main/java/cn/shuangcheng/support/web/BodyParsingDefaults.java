package cn.shuangcheng.support.web;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Turns off the body parsers no endpoint uses, and bounds how long a slow client holds a request thread, for every
 * service with this jar. Boot's defaults parse form bodies in
 * a filter that runs before authentication ({@code FormContentFilter}: a 1 MB body of {@code a0&a1&...} becomes
 * about 150,000 parameters, some 30 MB of heap, for a caller without a token) and accept multipart uploads of up to
 * 10 MB, written to disk before a handler is even looked up. Neither goes through {@link RequestBodyLimitFilter},
 * which counts what the application reads, not what Tomcat parses itself. Our bodies are JSON and CSV only.
 * <p>
 * The defaults come last, so a service's own configuration still decides.
 */
public class BodyParsingDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "shuangcheng-body-parsing-defaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(
                "spring.mvc.formcontent.filter.enabled", "false",
                "spring.servlet.multipart.enabled", "false",
                // Tomcat's own parsing of a POST form, which a @RequestParam of a POST handler would start: none
                // (Boot leaves Tomcat's 2 MB when this is 0, and -1 is no limit at all, so: one byte)
                "server.tomcat.max-http-form-post-size", "1B",
                // a client that sends nothing for this long (between two reads of headers or body) is dropped:
                // Tomcat's own default is 60 s, which a trickle of one byte a minute keeps alive for ever. (Tomcat's
                // 2 MB max-swallow-size stays: a smaller one would cut the connection under a 413 the client then
                // never reads)
                "server.tomcat.connection-timeout", "20s",
                // ... but an idle kept-alive connection (no thread held) stays longer than a proxy keeps its own
                // upstream connections (ingress-nginx: 60 s), or a write sent on one Tomcat just closed fails with
                // 502 and is not retried; unset, Tomcat would use the 20 s above
                "server.tomcat.keep-alive-timeout", "75s")));
    }
}
