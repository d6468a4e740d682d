{{/* Release-scoped name prefix, at most 40 characters so "<prefix>-observability-collector" fits 63. */}}
{{- define "aiops.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "aiops.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "aiops.labels" -}}
{{ include "aiops.selectorLabels" . }}
app.kubernetes.io/part-of: aiops-nextgen
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "aiops.commonLabels" -}}
app.kubernetes.io/part-of: aiops-nextgen
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/*
What each service is, as the architecture has it (not a knob): whether it owns a PostgreSQL schema,
and which other services call it (NetworkPolicy; the gateway reaches every service).
*/}}
{{- define "aiops.serviceFacts" -}}
gateway:
  database: false
  callers: []
cluster-registry:
  database: true
  callers: [observability-collector, intelligence-engine, intent-service, porch-adapter]
observability-collector:
  database: true
  callers: [intelligence-engine, intent-service]
intelligence-engine:
  database: true
  callers: [intent-service]
intent-service:
  database: true
  callers: [intelligence-engine]
porch-adapter:
  database: true
  callers: [intent-service]
realtime-streaming:
  database: false
  callers: []
{{- end -}}

{{/* One service's values: the chart-wide defaults overlaid with the service's own. */}}
{{- define "aiops.serviceValues" -}}
{{- $merged := mergeOverwrite (deepCopy .root.Values.defaults) (deepCopy .cfg) -}}
{{- toYaml $merged -}}
{{- end -}}

{{- define "aiops.image" -}}
{{- $img := .root.Values.image -}}
{{- printf "%s/%s%s:%s" $img.registry $img.repositoryPrefix .name (default .root.Chart.AppVersion $img.tag) -}}
{{- end -}}

{{/* The service's configuration, mounted at /config/application.yaml; secrets come in as env vars. */}}
{{- define "aiops.serviceConfig" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
{{- $facts := include "aiops.serviceFacts" $root | fromYaml -}}
{{- $fact := get $facts .name -}}
spring:
  {{- if $fact.database }}
  datasource:
    url: jdbc:postgresql://{{ $v.database.host }}:{{ $v.database.port }}/{{ $v.database.name }}?sslmode={{ $v.database.sslMode }}
    username: ${DB_USERNAME}
    password: ${DB_PASSWORD}
  {{- end }}
  data:
    redis:
      host: {{ $v.redis.host }}
      port: {{ $v.redis.port }}
      {{- if $v.redis.existingSecret }}
      password: ${REDIS_PASSWORD}
      {{- end }}
      ssl:
        enabled: {{ $v.redis.ssl }}
  security:
    oauth2:
      resourceserver:
        jwt:
          {{- if $v.security.issuerUri }}
          issuer-uri: {{ $v.security.issuerUri }}
          {{- end }}
          {{- if $v.security.jwkSetUri }}
          jwk-set-uri: {{ $v.security.jwkSetUri }}
          {{- end }}
aiops:
  security:
    dev-mode: {{ $v.security.devMode }}
    audience: {{ $v.security.audience }}
    roles-claim: {{ $v.security.rolesClaim }}
    {{- if $v.security.serviceTokenSecret }}
    service-token: ${SERVICE_TOKEN}
    {{- end }}
  services:
    {{- range $other, $cfg := $v.services }}
    {{ $other }}:
      url: http://{{ include "aiops.fullname" $root }}-{{ $other }}:{{ $cfg.port }}
    {{- end }}
  {{- if eq .name "cluster-registry" }}
  registry:
    url-guard:
      allow-loopback: {{ $v.urlGuard.allowLoopback }}
    {{- if $v.credentialKeys.existingSecret }}
    credentials:
      active-key-id: {{ $v.credentialKeys.activeKeyId }}
      keys:
        {{- range $v.credentialKeys.keyIds }}
        {{ . }}: {{ printf "${CREDENTIAL_KEY_%s}" (. | upper | replace "-" "_") }}
        {{- end }}
    {{- end }}
  {{- end }}
  {{- if and (eq .name "gateway") $v.dashboardOrigin }}
  gateway:
    cors:
      allowed-origin-patterns: {{ $v.dashboardOrigin }}
  {{- end }}
  {{- if and (eq .name "gateway") $v.security.consoleClientId }}
  console:
    oidc:
      client-id: {{ $v.security.consoleClientId | quote }}
  {{- end }}
  {{- if eq .name "realtime-streaming" }}
  # The gateway forwards the console's Origin on /ws: the console's own host, and the dashboard origin.
  streaming:
    allowed-origin-patterns:
      {{- if and $v.route.enabled $v.route.host }}
      - https://{{ $v.route.host }}
      {{- end }}
      {{- if $v.ingress.enabled }}
      - https://{{ $v.ingress.host }}
      {{- end }}
      {{- with $v.dashboardOrigin }}
      - {{ . }}
      {{- end }}
  {{- end }}
  {{- if eq .name "porch-adapter" }}
  porch:
    git-directory: /var/lib/aiops/packages.git
    # the mark on every PackageRevision this release creates on a Porch API server: a retried create adopts only
    # its own Drafts, so two releases sharing a Porch namespace never take over each other's
    porch-api:
      instance-id: {{ $v.packages.porchInstanceId | default (printf "%s.%s" $root.Release.Name $root.Release.Namespace) | quote }}
    {{- with $v.packages.remoteRepositories }}
    # the embedded repository first: the default of POST /api/v1/packages
    repositories:
      - name: packages
        type: git
      {{- range . }}
      - name: {{ .name }}
        type: git
        git:
          repo: {{ .repo | quote }}
          {{- with .secretRef }}
          secret-ref: {{ . }}
          {{- end }}
      {{- end }}
    {{- end }}
  {{- end }}
  {{- if and (eq .name "intelligence-engine") $v.llm.baseUrl }}
  intelligence:
    chat:
      models:
        - name: primary
          base-url: {{ $v.llm.baseUrl }}
          model: {{ $v.llm.model }}
          {{- if $v.llm.existingSecret }}
          api-key: ${LLM_API_KEY}
          {{- end }}
  {{- end }}
server:
  port: {{ .port }}
{{- end -}}
