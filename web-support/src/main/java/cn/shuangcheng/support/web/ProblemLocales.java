package cn.shuangcheng.support.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.hibernate.validator.messageinterpolation.ResourceBundleMessageInterpolator;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.validation.beanvalidation.MessageSourceResourceBundleLocator;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

import jakarta.validation.MessageInterpolator;

/**
 * The languages problem answers are given in: English (the default) and Simplified Chinese. {@code Accept-Language}
 * decides, by q-value, through Spring's {@link AcceptHeaderLocaleResolver}: any Chinese tag ({@code zh-CN}, {@code zh},
 * {@code zh-Hans}, ...) is answered in Simplified Chinese ({@code zh-CN}), English tags and everything else
 * (no header, {@code fr}, {@code *}) in English. The joint office's offices write Simplified Chinese; a
 * Traditional Chinese reader ({@code zh-TW}) also gets it, as the closer of the two languages we have.
 */
public class ProblemLocales extends AcceptHeaderLocaleResolver {

    /** English: the default, and the language of every text written in code. */
    public static final Locale DEFAULT = Locale.ENGLISH;
    /** Simplified Chinese, as sent in {@code Content-Language: zh-CN}. */
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    public ProblemLocales() {
        setSupportedLocales(List.of(Locale.ENGLISH, Locale.CHINESE));
        setDefaultLocale(DEFAULT);
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        Locale locale = super.resolveLocale(request);
        return CHINESE.getLanguage().equals(locale.getLanguage()) ? CHINESE : DEFAULT;
    }

    /**
     * The Bean Validation of the services: messages first from our bundle (the custom constraints' {@code {code}}s),
     * then Hibernate Validator's own, which include Simplified Chinese; in the request's language (English outside a
     * request, e.g. for intake rows processed in the background, whatever the JVM's locale).
     */
    public static LocalValidatorFactoryBean validator() {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        MessageInterpolator bundles = new ResourceBundleMessageInterpolator(
                new MessageSourceResourceBundleLocator(ProblemMessages.source()));
        validator.setMessageInterpolator(new MessageInterpolator() {
            @Override
            public String interpolate(String template, Context context) {
                return bundles.interpolate(template, context, ProblemMessages.locale());
            }

            @Override
            public String interpolate(String template, Context context, Locale ignored) {
                return bundles.interpolate(template, context, ProblemMessages.locale());
            }
        });
        return validator;
    }
}
