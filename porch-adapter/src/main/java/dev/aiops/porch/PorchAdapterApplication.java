package dev.aiops.porch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PorchAdapterApplication {

    public static void main(String[] args) {
        SpringApplication.run(PorchAdapterApplication.class, args);
    }
}
