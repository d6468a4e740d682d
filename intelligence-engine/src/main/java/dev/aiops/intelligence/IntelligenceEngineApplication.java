package dev.aiops.intelligence;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class IntelligenceEngineApplication {

    public static void main(String[] args) {
        SpringApplication.run(IntelligenceEngineApplication.class, args);
    }
}
