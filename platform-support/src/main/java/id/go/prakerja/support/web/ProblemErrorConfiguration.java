package id.go.prakerja.support.web;

import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Replaces Boot's {@code /error} controller (which answers its own JSON) with {@link ProblemErrorController},
 * Tomcat's HTML error page with {@link ProblemErrorReportValve}, and refuses an {@code Accept} header that
 * is no media type before any handler runs ({@link AcceptHeaderCheck}).
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ProblemErrorConfiguration {

    @Bean
    ProblemErrorController problemErrorController(MessageSource messages) {
        return new ProblemErrorController(messages);
    }

    @Bean
    WebMvcConfigurer acceptHeaderCheck() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new AcceptHeaderCheck());
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    static class TomcatErrorReports {

        /**
         * Swaps the error report valve once the host is about to start, when every customizer (Boot's adds its own
         * valve) has run, whatever their order.
         */
        @Bean
        WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorReports(MessageSource messages) {
            return factory -> factory.addContextCustomizers(context -> {
                Container host = context.getParent();
                host.addLifecycleListener(event -> {
                    if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                        Pipeline pipeline = host.getPipeline();
                        for (Valve valve : pipeline.getValves()) {
                            if (valve instanceof ErrorReportValve) {
                                pipeline.removeValve(valve);
                            }
                        }
                        pipeline.addValve(new ProblemErrorReportValve(messages));
                        if (host instanceof StandardHost standard) {
                            // the host adds a valve of this class unless it finds one
                            standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                        }
                    }
                });
            });
        }
    }
}
