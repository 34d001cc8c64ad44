package cn.shuangcheng.support.web;

import java.util.List;

import org.springframework.beans.factory.config.BeanPostProcessor;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.servers.Server;

/**
 * Gives every service's OpenAPI head a relative server, {@code /}, unless it names its own. springdoc would otherwise
 * write the URL the document was fetched from (host and port) into it: the document would differ per host, could not
 * be committed under docs/openapi/ and compared, and a client generated from it would point at some developer's port.
 * A client resolves {@code /} against the URL it fetched the document from, or is given its base URL.
 */
public class RelativeApiServer implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof OpenAPI openApi && (openApi.getServers() == null || openApi.getServers().isEmpty())) {
            String title = openApi.getInfo() != null && openApi.getInfo().getTitle() != null
                    ? openApi.getInfo().getTitle() : "the service";
            openApi.setServers(List.of(new Server().url("/").description(
                    "The root of " + title + ": the URL this document was fetched from, without /v3/api-docs")));
        }
        return bean;
    }
}
