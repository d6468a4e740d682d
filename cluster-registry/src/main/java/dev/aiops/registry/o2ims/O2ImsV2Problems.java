package dev.aiops.registry.o2ims;

import java.net.URI;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * The v2 spec types a problem's {@code instance} as {@code format: uri}, an absolute URI, where RFC 9457
 * (and the platform handler) allow the request path alone. Problems under the v2 prefix get the absolute
 * request URL instead; everything else about them stays the platform's.
 */
@ControllerAdvice
class O2ImsV2Problems implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem
                && request.getURI().getPath().startsWith(O2ImsIds.PREFIX_V2)
                && (problem.getInstance() == null || !problem.getInstance().isAbsolute())) {
            URI uri = request.getURI();
            problem.setInstance(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath()));
        }
        return body;
    }
}
