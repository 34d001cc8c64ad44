package cn.shuangcheng.support.web;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves an {@link ExpectedVersion} parameter from the request's {@code If-Match} header. */
final class ExpectedVersionResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        if (!parameter.hasParameterAnnotation(ExpectedVersion.class)) {
            return false;
        }
        if (parameter.getParameterType() != Long.class) {
            // A mistake in our code, not the client's: found at the first request, named plainly.
            throw new IllegalStateException("@ExpectedVersion needs a Long parameter: " + parameter);
        }
        return true;
    }

    @Override
    public Long resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        // Two If-Match lines are one list of two versions (RFC 9110), which IfMatch refuses as it refuses "1", "2"
        String[] lines = webRequest.getHeaderValues(IfMatch.HEADER);
        return IfMatch.expectedVersion(lines == null ? null : String.join(", ", lines));
    }
}
