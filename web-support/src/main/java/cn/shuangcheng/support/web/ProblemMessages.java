package cn.shuangcheng.support.web;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The texts of our problem answers, in English and Simplified Chinese: {@code cn/shuangcheng/support/web/messages.properties}
 * (English, the default) and {@code messages_zh_CN.properties}, UTF-8. Titles are {@code problem.title.<type slug>},
 * fixed details {@code problem.detail.*}, fixed field messages {@code problem.field.*}; Bean Validation's own messages
 * come from the same bundle first (see {@link ProblemLocales#validator()}).
 *
 * <p>Texts are resolved when a problem is built, in the language {@link ProblemLocales} chose for the request (held by
 * {@link LocaleContextHolder} from the first filter on). Outside a request, and for any language we do not speak, the
 * answer is English, whatever the JVM's default locale: that is why the bundle does not fall back to the system locale
 * and why no locale context means English rather than {@link LocaleContextHolder#getLocale()}'s JVM default.
 */
public final class ProblemMessages {

    static final String BASENAME = "cn/shuangcheng/support/web/messages";

    private static final ResourceBundleMessageSource SOURCE = new ResourceBundleMessageSource();

    static {
        SOURCE.setBasename(BASENAME);
        SOURCE.setDefaultEncoding("UTF-8");
        SOURCE.setFallbackToSystemLocale(false);
        // MessageFormat only where a text has arguments: an apostrophe in a fixed text stays as written
        SOURCE.setAlwaysUseMessageFormat(false);
    }

    private ProblemMessages() {
    }

    /** The bundle, also given to Bean Validation and to Spring MVC's own problem details. */
    public static MessageSource source() {
        return SOURCE;
    }

    /** The language of the current request's answers: the one {@link ProblemLocales} chose, else English. */
    public static Locale locale() {
        LocaleContext context = LocaleContextHolder.getLocaleContext();
        Locale locale = context != null ? context.getLocale() : null;
        return locale != null ? locale : ProblemLocales.DEFAULT;
    }

    /** The text of {@code code} in the current request's language (English if the bundle has no translation). */
    public static String text(String code, Object... args) {
        return SOURCE.getMessage(code, args, locale());
    }

    /** The title of a kind of problem, the same for every occurrence (RFC 9457 §3.1.3), in the request's language. */
    public static String title(ProblemKind kind) {
        return SOURCE.getMessage("problem.title." + kind.slug(), null, kind.title(), locale());
    }
}
