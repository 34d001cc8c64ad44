package cn.shuangcheng.support.web;

import java.security.Principal;

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
