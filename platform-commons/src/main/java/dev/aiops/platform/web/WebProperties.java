package dev.aiops.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** {@code aiops.web.*}: limits every servlet service applies to incoming requests. */
@ConfigurationProperties(prefix = "aiops.web")
public record WebProperties(@DefaultValue("1MB") DataSize maxRequestSize) {}
