package cn.shuangcheng.support.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Decides the language of a request's answers once, before any other filter: the problems that filters and Spring
 * Security write (413, 404 for an impossible path, 401, 403) are built before Spring MVC would set the locale, and
 * must speak the same language as those from the controllers. Spring MVC then resolves the same locale with the same
 * {@link ProblemLocales} bean.
 */
public class ProblemLocaleFilter extends OncePerRequestFilter {

    private final ProblemLocales locales;

    public ProblemLocaleFilter(ProblemLocales locales) {
        this.locales = locales;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        LocaleContext previous = LocaleContextHolder.getLocaleContext();
        LocaleContextHolder.setLocaleContext(new SimpleLocaleContext(locales.resolveLocale(request)));
        try {
            chain.doFilter(request, response);
        } finally {
            LocaleContextHolder.setLocaleContext(previous);
        }
    }
}
