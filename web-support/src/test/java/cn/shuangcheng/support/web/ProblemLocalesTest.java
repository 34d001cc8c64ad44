package cn.shuangcheng.support.web;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

import jakarta.validation.constraints.NotBlank;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

import cn.shuangcheng.support.web.bounds.Yuan;

import static org.assertj.core.api.Assertions.assertThat;

/** Which language a problem is built in, and that both bundles say the same things. */
class ProblemLocalesTest {

    private final ProblemLocales locales = new ProblemLocales();

    @AfterEach
    void forgetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "zh-CN|zh-CN", "zh|zh-CN", "zh-Hans|zh-CN", "zh-Hans-CN|zh-CN", "zh-TW|zh-CN",
            "en;q=0.5, zh-CN;q=0.9|zh-CN", "fr, zh;q=0.8|zh-CN",
            "en|en", "en-US|en", "fr|en", "*|en", "zh-CN;q=0.4, en;q=0.9|en", "de, fr;q=0.5|en"})
    void accept_language_decides_by_tag_and_q_value(String acceptLanguage, String expected) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Accept-Language", acceptLanguage);
        assertThat(locales.resolveLocale(request).toLanguageTag()).isEqualTo(expected);
    }

    @Test
    void no_header_is_english() {
        assertThat(locales.resolveLocale(new MockHttpServletRequest())).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void a_problem_is_built_in_the_requests_language() {
        LocaleContextHolder.setLocale(ProblemLocales.CHINESE);
        ProblemDetail chinese = Problems.of(ProblemKind.NOT_FOUND, Problems.text("problem.detail.no-such-id"));
        assertThat(chinese.getTitle()).isEqualTo("未找到");
        assertThat(chinese.getDetail()).isEqualTo("没有此 id 的资源。");
        assertThat(Problems.text("problem.detail.fields-invalid-many", 3)).isEqualTo("3 个字段无效。");

        LocaleContextHolder.setLocale(Locale.ENGLISH);
        ProblemDetail english = Problems.of(ProblemKind.NOT_FOUND, Problems.text("problem.detail.no-such-id"));
        assertThat(english.getTitle()).isEqualTo("Not found");
        assertThat(english.getDetail()).isEqualTo("No resource with this id exists.");
        assertThat(Problems.text("problem.detail.parameter-required", "year")).isEqualTo("Parameter 'year' is required.");
    }

    @Test
    void outside_a_request_problems_are_english_whatever_the_jvm_locale() {
        Locale jvm = Locale.getDefault();
        try {
            Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
            LocaleContextHolder.resetLocaleContext();
            assertThat(Problems.of(ProblemKind.VALIDATION, "x").getTitle()).isEqualTo("Validation failed");
        } finally {
            Locale.setDefault(jvm);
        }
    }

    @Test
    void every_kind_has_a_title_in_both_languages_and_the_english_one_is_the_kinds() throws IOException {
        Properties english = bundle("messages.properties");
        Properties chinese = bundle("messages_zh_CN.properties");
        for (ProblemKind kind : ProblemKind.values()) {
            assertThat(english.getProperty("problem.title." + kind.slug())).as(kind.name()).isEqualTo(kind.title());
            assertThat(chinese.getProperty("problem.title." + kind.slug())).as(kind.name()).matches(".*\\p{IsHan}.*");
        }
        for (String key : english.stringPropertyNames()) {
            assertThat(chinese.getProperty(key)).as("Chinese text for " + key).isNotBlank();
        }
    }

    record Proposal(@NotBlank String name, @Yuan(min = 1) Long totalInvestmentYuan) {
    }

    @Test
    void bean_validation_speaks_the_requests_language_too() throws Exception {
        LocalValidatorFactoryBean validator = ProblemLocales.validator();
        validator.afterPropertiesSet();
        try {
            Proposal bad = new Proposal(" ", 0L);
            LocaleContextHolder.setLocale(ProblemLocales.CHINESE);
            assertThat(validator.validate(bad)).extracting(v -> v.getMessage())
                    .containsExactlyInAnyOrder("不能为空", "必须是 1 到 100000000000000 之间的整数元");
            LocaleContextHolder.setLocale(Locale.ENGLISH);
            assertThat(validator.validate(bad)).extracting(v -> v.getMessage())
                    .containsExactlyInAnyOrder("must not be blank",
                            "must be a whole number of yuan from 1 to 100000000000000");
        } finally {
            validator.close();
        }
    }

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (var in = ProblemLocalesTest.class.getResourceAsStream("/cn/shuangcheng/support/web/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
