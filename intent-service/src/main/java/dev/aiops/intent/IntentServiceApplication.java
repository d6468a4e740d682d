package dev.aiops.intent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class IntentServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(IntentServiceApplication.class, args);
    }
}
