package dev.aiops.streaming;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class RealtimeStreamingApplication {

    public static void main(String[] args) {
        SpringApplication.run(RealtimeStreamingApplication.class, args);
    }
}
