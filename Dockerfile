# One image recipe for every service: build the jars first (./mvnw -DskipTests package), then
#   docker build --build-arg MODULE=cluster-registry -t aiops/cluster-registry .
FROM eclipse-temurin:17-jre
ARG MODULE
# curl serves the compose health checks
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* && useradd --system --uid 10001 aiops
WORKDIR /app
COPY ${MODULE}/target/${MODULE}-*.jar /app/service.jar
USER 10001
# Container-aware heap; SerialGC keeps each small service lean on few cores.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+UseSerialGC"
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
