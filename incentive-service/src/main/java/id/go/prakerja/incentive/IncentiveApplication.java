package id.go.prakerja.incentive;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class IncentiveApplication {

    public static void main(String[] args) {
        SpringApplication.run(IncentiveApplication.class, args);
    }
}
