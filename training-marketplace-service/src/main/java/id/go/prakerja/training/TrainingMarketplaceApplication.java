package id.go.prakerja.training;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TrainingMarketplaceApplication {

    public static void main(String[] args) {
        SpringApplication.run(TrainingMarketplaceApplication.class, args);
    }
}
