package cn.shuangcheng.support.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Every problem answer says which language its texts are in ({@code Content-Language: en} or {@code zh-CN}), whoever
 * built it: our exception handler, a service's own handler or a controller that returns a ProblemDetail.
 */
@RestControllerAdvice
public class ProblemContentLanguageAdvice implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
        if (body instanceof ProblemDetail) {
            response.getHeaders().set(HttpHeaders.CONTENT_LANGUAGE, ProblemMessages.locale().toLanguageTag());
        }
        return body;
    }
}
