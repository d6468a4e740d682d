package dev.aiops.collector;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ObservabilityCollectorApplication {

    public static void main(String[] args) {
        SpringApplication.run(ObservabilityCollectorApplication.class, args);
    }
}
