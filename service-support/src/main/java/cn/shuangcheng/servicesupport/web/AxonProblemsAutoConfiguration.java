package cn.shuangcheng.servicesupport.web;

import cn.shuangcheng.support.web.WebSupportAutoConfiguration;
import org.axonframework.commandhandling.CommandExecutionException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/** Puts {@link AxonProblemMapper} in front of web-support's problem handling in a write service. */
@AutoConfiguration(before = WebSupportAutoConfiguration.class)
@ConditionalOnClass(CommandExecutionException.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class AxonProblemsAutoConfiguration {

    @Bean
    AxonProblemMapper axonProblemMapper() {
        return new AxonProblemMapper();
    }
}
