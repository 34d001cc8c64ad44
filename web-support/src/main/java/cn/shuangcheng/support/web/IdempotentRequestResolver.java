package cn.shuangcheng.support.web;

import java.security.Principal;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import cn.shuangcheng.kernel.NaturalKeyIds;
import cn.shuangcheng.support.correlation.Principals;
import jakarta.servlet.http.HttpServletRequest;

/** Resolves an {@link IdempotentRequest} parameter from the request's {@code Idempotency-Key} header. */
final class IdempotentRequestResolver implements HandlerMethodArgumentResolver {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_LENGTH = 200;

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        if (!parameter.hasParameterAnnotation(IdempotentRequest.class)) {
            return false;
        }
        if (parameter.getParameterType() != String.class) {
            // A mistake in our code, not the client's: found at the first request, named plainly.
            throw new IllegalStateException("@IdempotentRequest needs a String parameter: " + parameter);
        }
        return true;
    }

    @Override
    public String resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        String[] lines = webRequest.getHeaderValues(HEADER);
        if (lines == null) {
            return null;
        }
        if (lines.length != 1 || lines[0].isBlank() || lines[0].length() > MAX_LENGTH) {
            throw new MalformedIdempotencyKeyException(MAX_LENGTH);
        }
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        Principal principal = webRequest.getUserPrincipal();
        String caller = principal instanceof Authentication authentication
                ? Principals.of(authentication).orElse("") : "";
        // each part with its length: no caller, path and key can run together into another's
        String scoped = scoped(caller) + scoped(request.getMethod()) + scoped(request.getRequestURI())
                + scoped(lines[0].strip());
        return NaturalKeyIds.of("request", scoped);
    }

    private static String scoped(String part) {
        return part.length() + ":" + part + ";";
    }
}
