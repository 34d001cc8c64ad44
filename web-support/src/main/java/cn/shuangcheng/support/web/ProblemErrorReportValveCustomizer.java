package cn.shuangcheng.support.web;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Puts {@link ProblemErrorReportValve} in the place of Tomcat's error report valve. It runs after Boot's own
 * customizer (which adds a plain {@link ErrorReportValve} when stack traces are never shown) and replaces any such
 * valve, so that exactly one answers; the host is told the class too, or it would add its default one on start.
 */
class ProblemErrorReportValveCustomizer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>,
        Ordered {

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addContextCustomizers(context -> replaceErrorReportValve(context.getParent()));
    }

    private static void replaceErrorReportValve(Container host) {
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
            }
        }
        host.getPipeline().addValve(new ProblemErrorReportValve());
        if (host instanceof StandardHost standardHost) {
            standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
