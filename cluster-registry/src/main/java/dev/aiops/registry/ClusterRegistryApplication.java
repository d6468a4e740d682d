package dev.aiops.registry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ClusterRegistryApplication {

    public static void main(String[] args) {
        SpringApplication.run(ClusterRegistryApplication.class, args);
    }
}
