package cn.shuangcheng.support.web;

import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import java.util.List;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.core.env.Environment;

import cn.shuangcheng.support.correlation.CorrelationAutoConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import cn.shuangcheng.support.web.bounds.FourDigitYears;
import cn.shuangcheng.support.web.bounds.WellFormedText;
import cn.shuangcheng.support.outage.KafkaOutages;
import cn.shuangcheng.support.outage.MongoOutages;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST edge of every service (write and read): problem+json for every error, the request body limit, and the
 * OpenAPI description of both. Security is in {@link ApiSecurityAutoConfiguration}.
 *
 * <p>Runs before Boot's MVC, error and validation auto-configurations so that our exception handler, error
 * controller, locale resolver and validator are the ones in place (Boot's back off when they see them).
 *
 * <p>Problems speak the caller's language ({@link ProblemLocales}, {@link ProblemMessages}): English by default,
 * Simplified Chinese when {@code Accept-Language} asks for it.
 */
@AutoConfiguration(before = {WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
        ValidationAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebSupportProperties.class)
public class WebSupportAutoConfiguration {

    static final int MAX_JSON_NESTING = 32;
    static final int MAX_JSON_NUMBER_LENGTH = 64;
    static final int MAX_JSON_STRING_LENGTH = 100_000;
    static final int MAX_JSON_NAME_LENGTH = 200;
    /**
     * Tokens in one body: the largest a valid body holds is about a thousand (a contribution with 100 project ids
     * and 100 indicators). Counted while reading, so a 1 MB body of {@code ["1","1",...]} (250,000 tokens, a list of
     * tens of MB once bound) is refused after 10,000 tokens instead of after binding. The intake's batches have their
     * own streaming reader and limits.
     */
    static final long MAX_JSON_TOKENS = 10_000;

    /** After the correlation filter (so 413 answers carry the id), well before Spring Security. */
    public static final int REQUEST_BODY_LIMIT_FILTER_ORDER = CorrelationAutoConfiguration.FILTER_ORDER + 5;

    @Bean
    @ConditionalOnMissingBean
    ProblemResponseWriter problemResponseWriter(ObjectProvider<JsonMapper> jsonMapper) {
        return new ProblemResponseWriter(jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
    }

    /**
     * Amounts are integer yuan: Jackson would otherwise truncate {@code 1.5} to {@code 1} when binding a
     * {@code long}, silently changing a partner's figure. Refused instead, as a 400 naming the field.
     */
    @Bean
    JsonMapperBuilderCustomizer exactNumbersCustomizer() {
        return builder -> builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    /** Dates and months with years 1 to 9999 ({@link FourDigitYears}). */
    @Bean
    JsonMapperBuilderCustomizer fourDigitYearsCustomizer() {
        return builder -> builder.addModule(FourDigitYears.module());
    }

    /** Text without half a surrogate pair ({@link WellFormedText}). */
    @Bean
    JsonMapperBuilderCustomizer wellFormedTextCustomizer() {
        return builder -> builder.addModule(WellFormedText.module());
    }

    /**
     * What one JSON body may hold before it is refused as malformed (400) while it is being read, before anything
     * is bound: our bodies are a few levels deep, their numbers a few digits long and their tokens a few hundred, so
     * a 10,000-level nesting, a 1,000-digit number, a 20-MB string or a list of 100,000 entries is an attack or a
     * bug, not data. A key that appears twice in one object
     * is refused too: which of the two values counts would otherwise depend on the parser.
     */
    @Bean
    JsonFactoryBuilderCustomizer jsonReadLimitsCustomizer() {
        return factory -> factory
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_JSON_NESTING)
                        .maxNumberLength(MAX_JSON_NUMBER_LENGTH)
                        .maxStringLength(MAX_JSON_STRING_LENGTH)
                        .maxNameLength(MAX_JSON_NAME_LENGTH)
                        .maxTokenCount(MAX_JSON_TOKENS)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /** The write handlers' {@link ExpectedVersion} and {@link IdempotentRequest} parameters, read from headers. */
    @Bean
    WebMvcConfigurer writeHeaderArguments() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new WriteHeaderResolver());
            }
        };
    }

    @Bean
    ProblemExceptionHandler problemExceptionHandler(ObjectProvider<ProblemMapper> mappers) {
        ProblemExceptionHandler handler = new ProblemExceptionHandler(mappers.orderedStream().toList());
        // Spring MVC's own problem details (405, 415, 406, an unknown path) are looked up in our bundle too
        handler.setMessageSource(ProblemMessages.source());
        return handler;
    }

    /** The language of every answer's problem texts: Accept-Language, English or Simplified Chinese. */
    @Bean(name = DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
    @ConditionalOnMissingBean(name = DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
    ProblemLocales localeResolver() {
        return new ProblemLocales();
    }

    /** First of all filters: the problems written by filters and Spring Security speak the caller's language too. */
    @Bean
    FilterRegistrationBean<ProblemLocaleFilter> problemLocaleFilter(ObjectProvider<LocaleResolver> resolver) {
        LocaleResolver locales = resolver.getIfAvailable(ProblemLocales::new);
        FilterRegistrationBean<ProblemLocaleFilter> registration = new FilterRegistrationBean<>(new ProblemLocaleFilter(
                locales instanceof ProblemLocales ours ? ours : new ProblemLocales()));
        registration.setOrder(CorrelationAutoConfiguration.FILTER_ORDER - 1);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    ProblemContentLanguageAdvice problemContentLanguageAdvice() {
        return new ProblemContentLanguageAdvice();
    }

    /** Bean Validation with our messages first and in the request's language (see {@link ProblemLocales#validator()}). */
    @Bean
    @ConditionalOnMissingBean(jakarta.validation.Validator.class)
    static LocalValidatorFactoryBean defaultValidator() {
        return ProblemLocales.validator();
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    /** Tomcat's answer to a request line it refuses ({@code %00}, {@code ..%2F}) is problem+json too. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.valves.ErrorReportValve")
    static class TomcatErrorReport {

        @Bean
        ProblemErrorReportValveCustomizer problemErrorReportValveCustomizer() {
            return new ProblemErrorReportValveCustomizer();
        }
    }

    /**
     * Before the body limit and Spring Security: a path no resource can have is 404 and a host no link can be built
     * with 400, whoever asks.
     */
    @Bean
    FilterRegistrationBean<ImplausibleRequestFilter> implausibleRequestFilter(ProblemResponseWriter writer) {
        FilterRegistrationBean<ImplausibleRequestFilter> registration =
                new FilterRegistrationBean<>(new ImplausibleRequestFilter(writer));
        registration.setOrder(REQUEST_BODY_LIMIT_FILTER_ORDER - 1);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(WebSupportProperties properties,
            ProblemResponseWriter writer) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(properties, writer));
        registration.setOrder(REQUEST_BODY_LIMIT_FILTER_ORDER);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** A request that meets an unreachable MongoDB answers 503 with Retry-After (cn.shuangcheng.support.outage). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "com.mongodb.MongoException")
    static class MongoOutageProblems {

        @Bean
        UnavailableDependencyProblemMapper mongoOutageProblemMapper() {
            return new UnavailableDependencyProblemMapper("MongoDB", MongoOutages::isOutage);
        }
    }

    /** Likewise for Kafka (the intake topic's producer, a health check, an admin call). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.kafka.common.errors.RetriableException")
    static class KafkaOutageProblems {

        @Bean
        UnavailableDependencyProblemMapper kafkaOutageProblemMapper() {
            return new UnavailableDependencyProblemMapper("Kafka", KafkaOutages::isOutage);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(GlobalOpenApiCustomizer.class)
    static class ApiDocs {

        @Bean
        ProblemApiDocsCustomizer problemApiDocsCustomizer() {
            return new ProblemApiDocsCustomizer();
        }

        @Bean
        WriteResponsesApiDocs writeResponsesApiDocs() {
            return new WriteResponsesApiDocs();
        }

        @Bean
        WriteHeadersApiDocs writeHeadersApiDocs() {
            return new WriteHeadersApiDocs();
        }

        /** A minimal document head; a service that wants more declares its own OpenAPI bean. */
        @Bean
        @ConditionalOnMissingBean
        OpenAPI openApi(Environment environment) {
            String name = environment.getProperty("spring.application.name", "shuangcheng");
            return new OpenAPI().info(new Info().title(name).version("v1")
                    .description("Shuangcheng " + name + ". Errors are RFC 9457 application/problem+json, in "
                            + "Simplified Chinese when Accept-Language asks for it (zh-CN, zh, zh-Hans), else English."));
        }

        /** Every OpenAPI head gets the relative server "/": the document is the same on every host and port. */
        @Bean
        static RelativeApiServer relativeApiServer() {
            return new RelativeApiServer();
        }
    }
}
