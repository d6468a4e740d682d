# One image recipe for every service, built the Spring Boot way: the executable jar is split into layers
# (dependencies, Spring Boot loader, snapshot dependencies, our classes) so a code change rebuilds and ships
# only the last, small layer. Build the jars first (./mvnw -DskipTests package), then
#   docker build --build-arg MODULE=cluster-registry -t quay.io/aiops-nextgen/cluster-registry:0.1.0 .

FROM eclipse-temurin:17-jre AS layers
ARG MODULE
WORKDIR /build
COPY ${MODULE}/target/${MODULE}-*.jar service.jar
RUN java -Djarmode=tools -jar service.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17-jre
# curl serves the compose health checks; Kubernetes probes call the same endpoints over HTTP.
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Least-changing layers first. Files belong to group 0 and are group-readable: OpenShift runs the container
# with an arbitrary UID in group 0 (restricted-v2), Docker with UID 10001.
COPY --from=layers --chown=10001:0 /build/extracted/dependencies/ ./
COPY --from=layers --chown=10001:0 /build/extracted/spring-boot-loader/ ./
COPY --from=layers --chown=10001:0 /build/extracted/snapshot-dependencies/ ./
COPY --from=layers --chown=10001:0 /build/extracted/application/ ./
RUN chmod -R g=u /app
USER 10001
# Container-aware heap; SerialGC keeps each small service lean on few cores. /tmp is the only path written
# (a writable emptyDir under a read-only root filesystem in the chart).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
