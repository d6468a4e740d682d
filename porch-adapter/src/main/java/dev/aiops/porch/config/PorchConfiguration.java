package dev.aiops.porch.config;

import dev.aiops.porch.repositories.PorchProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PorchProperties.class)
class PorchConfiguration {}
