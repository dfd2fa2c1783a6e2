package id.go.prakerja.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class OperatorConsoleApplication {

    public static void main(String[] args) {
        SpringApplication.run(OperatorConsoleApplication.class, args);
    }
}
