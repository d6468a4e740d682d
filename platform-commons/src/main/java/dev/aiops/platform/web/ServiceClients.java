package dev.aiops.platform.web;

import dev.aiops.platform.config.ServiceEndpointsProperties;
import dev.aiops.platform.security.ServiceTokenProvider;
import java.time.Duration;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.web.client.RestClient;

/**
 * {@link RestClient}s for calling other platform services as this service: base URL from
 * {@code aiops.services.<name>.url}, the service bearer token, timeouts, and the observation
 * instrumentation of Boot's builder (so {@code traceparent} travels along).
 */
public class ServiceClients {

    private final RestClient.Builder builder;
    private final ServiceEndpointsProperties endpoints;
    private final ServiceTokenProvider tokens;

    public ServiceClients(
            RestClient.Builder builder, ServiceEndpointsProperties endpoints, ServiceTokenProvider tokens) {
        this.builder = builder;
        this.endpoints = endpoints;
        this.tokens = tokens;
    }

    public RestClient forService(String serviceName, Duration connectTimeout, Duration readTimeout) {
        HttpClientSettings settings =
                HttpClientSettings.defaults().withConnectTimeout(connectTimeout).withReadTimeout(readTimeout);
        return builder.clone()
                .baseUrl(endpoints.url(serviceName).toString())
                .requestFactory(ClientHttpRequestFactoryBuilder.detect().build(settings))
                .requestInterceptor(tokens)
                .build();
    }
}
