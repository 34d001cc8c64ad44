package cn.shuangcheng.support.web;

import java.lang.annotation.Annotation;
import java.security.Principal;
import java.util.List;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.util.UrlPathHelper;

import cn.shuangcheng.kernel.NaturalKeyIds;
import cn.shuangcheng.support.correlation.Principals;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Resolves the write handlers' header parameters: an {@link ExpectedVersion} from {@code If-Match}, an
 * {@link IdempotentRequest} from {@code Idempotency-Key}.
 */
final class WriteHeaderResolver implements HandlerMethodArgumentResolver {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 200;

    /** An annotation and the parameter type it needs. */
    private record Header(Class<? extends Annotation> annotation, Class<?> type) {
    }

    private static final List<Header> HEADERS = List.of(new Header(ExpectedVersion.class, Long.class),
            new Header(IdempotentRequest.class, String.class));

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        for (Header header : HEADERS) {
            if (parameter.hasParameterAnnotation(header.annotation())) {
                if (parameter.getParameterType() != header.type()) {
                    // A mistake in our code, not the client's: found at the first request, named plainly.
                    throw new IllegalStateException("@" + header.annotation().getSimpleName() + " needs a "
                            + header.type().getSimpleName() + " parameter: " + parameter);
                }
                return true;
            }
        }
        return false;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        if (parameter.hasParameterAnnotation(ExpectedVersion.class)) {
            // Two If-Match lines are one list of two versions (RFC 9110), which IfMatch refuses as it refuses "1", "2"
            String[] lines = webRequest.getHeaderValues(IfMatch.HEADER);
            return IfMatch.expectedVersion(lines == null ? null : String.join(", ", lines));
        }
        return requestId(webRequest);
    }

    /** Null without a key; else derived from the caller, the method, the path and the key. */
    private static String requestId(NativeWebRequest webRequest) {
        String[] lines = webRequest.getHeaderValues(IDEMPOTENCY_KEY);
        if (lines == null) {
            return null;
        }
        if (lines.length != 1 || lines[0].isBlank() || lines[0].length() > MAX_KEY_LENGTH) {
            throw new MalformedIdempotencyKeyException(MAX_KEY_LENGTH);
        }
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        Principal principal = webRequest.getUserPrincipal();
        String caller = principal instanceof Authentication authentication
                ? Principals.of(authentication).orElse("") : "";
        if (caller.isEmpty()) {
            // every such caller would share one key space, and be answered another's request
            throw MalformedIdempotencyKeyException.withoutCaller();
        }
        // the path decoded, as the handler reads its ids (%61bc is abc); each part with its length, so that no caller,
        // path and key run together into another's
        String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
        String scoped = scoped(caller) + scoped(request.getMethod()) + scoped(path) + scoped(lines[0].strip());
        return NaturalKeyIds.of("request", scoped);
    }

    private static String scoped(String part) {
        return part.length() + ":" + part + ";";
    }
}
