// Wire types of the platform APIs (snake_case, as CONTRACTS.md and shared-models define them).

export type ClusterState = 'ONLINE' | 'OFFLINE' | 'DEGRADED' | 'UNKNOWN' | 'PROVISIONING';
export const CLUSTER_TYPES = ['HUB', 'SPOKE', 'EDGE', 'FAR_EDGE'] as const;
export const PLATFORMS = ['OPENSHIFT', 'KUBERNETES', 'MICROSHIFT'] as const;
export const ENVIRONMENTS = ['PRODUCTION', 'STAGING', 'DEVELOPMENT', 'LAB'] as const;
export const CLUSTER_STATES: ClusterState[] = ['ONLINE', 'DEGRADED', 'OFFLINE', 'UNKNOWN', 'PROVISIONING'];

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
  total_pages: number;
}

export interface ClusterStatus {
  state: ClusterState;
  health_score: number;
  connectivity: string;
  last_error?: string | null;
  api_server_healthy?: boolean | null;
  prometheus_healthy?: boolean | null;
  tempo_healthy?: boolean | null;
  loki_healthy?: boolean | null;
}

export interface ClusterEndpoints {
  prometheus_url?: string | null;
  tempo_url?: string | null;
  loki_url?: string | null;
  alertmanager_url?: string | null;
}

export interface ClusterCapabilities {
  has_gpu_nodes: boolean;
  gpu_count: number;
  gpu_types: string[];
  has_prometheus: boolean;
  has_thanos: boolean;
  has_tempo: boolean;
  has_loki: boolean;
  has_service_mesh: boolean;
  has_cnf_workloads: boolean;
  cnf_types: string[];
}

export interface Cluster {
  id: string;
  name: string;
  display_name?: string | null;
  api_server_url: string;
  cluster_type: string;
  platform: string;
  platform_version?: string | null;
  region?: string | null;
  environment: string;
  status: ClusterStatus;
  capabilities: ClusterCapabilities;
  endpoints: ClusterEndpoints;
  labels: Record<string, string>;
  has_credentials: boolean;
  credentials_expires_at?: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  last_seen_at?: string | null;
}

export interface FleetSummary {
  total_clusters: number;
  by_state: Record<string, number>;
  by_type: Record<string, number>;
  by_environment: Record<string, number>;
  by_platform: Record<string, number>;
  average_health_score: number;
  gpus: { clusters_with_gpus: number; total_gpus: number; by_product: Record<string, number> };
  cnfs: { clusters_with_cnfs: number; by_type: Record<string, number> };
  generated_at: string;
}

export interface MetricSeries {
  metric: Record<string, string>;
  values: [number, string][];
  value?: [number, string] | null;
}

export interface MetricResult {
  cluster_id: string;
  cluster_name: string;
  status: 'SUCCESS' | 'ERROR' | 'TIMEOUT' | 'PARTIAL';
  result_type?: 'MATRIX' | 'VECTOR' | 'SCALAR' | 'STRING' | null;
  data: MetricSeries[];
  error?: string | null;
  query_time_ms: number;
}

export interface FederatedMetricResponse {
  results: MetricResult[];
  total_query_time_ms: number;
  clusters_queried: number;
  clusters_succeeded: number;
  warnings: string[];
}

export interface Alert {
  id: string;
  fingerprint: string;
  cluster_id?: string | null;
  cluster_name?: string | null;
  alertname: string;
  severity: 'CRITICAL' | 'WARNING' | 'INFO';
  state: 'FIRING' | 'RESOLVED' | 'PENDING';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  starts_at: string;
  ends_at?: string | null;
  generator_url?: string | null;
}

/** One FIRING / RESOLVED transition, as `GET /api/v1/alerts/history` lists it. */
export interface AlertHistoryEntry {
  fingerprint: string;
  cluster_id?: string | null;
  cluster_name?: string | null;
  alertname: string;
  severity: Alert['severity'];
  state: Alert['state'];
  starts_at: string;
  ends_at?: string | null;
  recorded_at: string;
  source: string;
}

export interface ChatSession {
  id: string;
  user_id: string;
  title?: string | null;
  persona_id: string;
  cluster_context: string[];
  message_count: number;
  created_at: string;
  updated_at: string;
  expires_at: string;
}

export interface ToolCall {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

export interface ToolResult {
  tool_call_id: string;
  status: 'SUCCESS' | 'ERROR' | 'TIMEOUT';
  result?: unknown;
  error?: string | null;
}

export interface ChatMessage {
  id: string;
  session_id: string;
  role: 'USER' | 'ASSISTANT' | 'SYSTEM' | 'TOOL';
  content: string;
  persona_id?: string | null;
  tool_calls: ToolCall[];
  tool_results: ToolResult[];
  model?: string | null;
  tokens_used?: number | null;
  latency_ms?: number | null;
  created_at: string;
}

export interface Persona {
  id: string;
  name: string;
  description?: string | null;
  icon?: string | null;
  is_builtin: boolean;
}

export interface StructuredIntent {
  intent_type: string;
  service_type?: string | null;
  target_sites: string[];
  cnf_functions: string[];
  replicas?: number | null;
  sla?: { bandwidth_mbps?: number | null; latency_ms?: number | null; devices?: number | null; availability?: number | null } | null;
  source?: string | null;
  correlation_id?: string | null;
  priority?: number | null;
  parse?: { method: string; confidence?: number | null } | null;
  replicas_delta?: number | null;
  region?: string | null;
}

export type IntentStatus = 'acknowledged' | 'inProgress' | 'completed' | 'failed' | 'cancelled' | 'degraded' | string;

export interface IntentView {
  id: string;
  text: string;
  intent: StructuredIntent;
  status: IntentStatus;
  status_reason?: string | null;
  created_at: string;
  updated_at: string;
}

export interface Cnf {
  id: string;
  name: string;
  function: string;
  cluster_id?: string | null;
  cluster_name?: string | null;
  site?: string | null;
  namespace?: string | null;
  state: string;
  status_message?: string | null;
  replicas: number;
  ready_replicas: number;
  intent_id?: string | null;
  package_name?: string | null;
  package_revision?: number | null;
  last_error?: string | null;
}

export type PackageLifecycle = 'Draft' | 'Proposed' | 'Published' | 'DeletionProposed';

export interface PackageRevision {
  name: string;
  package_name: string;
  repository: string;
  workspace_name: string;
  revision: number;
  lifecycle: PackageLifecycle;
  site?: string | null;
  created_at: string;
  updated_at: string;
}

export interface StreamEvent<P = Record<string, unknown>> {
  type: 'event';
  event_id: string;
  event_type: string;
  cluster_id?: string | null;
  cluster_name?: string | null;
  timestamp: string;
  offset: number;
  epoch: string;
  payload: P;
}

/** A closed-loop rule as sent and stored (intent-service `/api/v1/rules`). */
export interface Rule {
  name: string;
  source: 'fcaps' | 'kpm';
  condition: string;
  action: 'scale_out' | 'scale_in' | 'migrate' | 'heal';
  target: { function?: string | null; site?: string | null; labels: Record<string, string> };
  priority: number;
  cooldown: string;
  min_replicas?: number | null;
  max_replicas?: number | null;
  consecutive_windows: number;
  intent_template?: string | null;
  enabled: boolean;
}

export interface RuleView {
  id: string;
  version: number;
  rule: Rule;
  deleted: boolean;
  updated_by?: string | null;
  created_at: string;
  updated_at: string;
}

/** What the closed loop decided about one event and one rule, or why nothing was done. */
export interface RuleDecision {
  id: number;
  event_id: string;
  event_type: string;
  rule_id?: string | null;
  rule_name?: string | null;
  rule_version?: number | null;
  outcome: string;
  reason?: string | null;
  target?: string | null;
  intent_id?: string | null;
  decided_at: string;
}

/** One GPU and its latest readings (observability-collector `/api/v1/gpu`); a reading is null when not reported. */
export interface GpuProcess {
  pid: number;
  process_name: string;
  used_memory_mb?: number | null;
  type: 'COMPUTE' | 'GRAPHICS' | 'MIXED';
}

export interface Gpu {
  index: number;
  uuid: string;
  name?: string | null;
  driver_version?: string | null;
  cuda_version?: string | null;
  memory_total_mb?: number | null;
  memory_used_mb?: number | null;
  memory_free_mb?: number | null;
  utilization_gpu_percent?: number | null;
  utilization_memory_percent?: number | null;
  temperature_celsius?: number | null;
  power_draw_watts?: number | null;
  power_limit_watts?: number | null;
  fan_speed_percent?: number | null;
  processes: GpuProcess[];
}

/** A node with GPUs; also the payload of GPU_UPDATE. */
export interface GpuNode {
  cluster_id: string;
  cluster_name?: string | null;
  node_name: string;
  gpus: Gpu[];
  last_updated: string;
}

export interface GpuRef {
  cluster_id: string;
  cluster_name?: string | null;
  node_name: string;
  index: number;
  uuid: string;
  name?: string | null;
  temperature_celsius?: number | null;
  utilization_gpu_percent?: number | null;
  memory_used_mb?: number | null;
}

export interface GpuFleetSummary {
  cluster_count: number;
  node_count: number;
  gpu_count: number;
  avg_utilization_percent?: number | null;
  avg_memory_utilization_percent?: number | null;
  memory_total_mb: number;
  memory_used_mb: number;
  process_count: number;
  gpus_by_type: Record<string, number>;
  hottest: GpuRef[];
  idle_gpus: GpuRef[];
  clusters_failed: string[];
  last_updated: string;
}

export interface GpuProcessView {
  cluster_id: string;
  cluster_name?: string | null;
  node_name: string;
  gpu_index: number;
  gpu_uuid: string;
  pid: number;
  process_name: string;
  used_memory_mb?: number | null;
  type: 'COMPUTE' | 'GRAPHICS' | 'MIXED';
}

export const ANOMALY_TYPES = ['SPIKE', 'DROP', 'TREND_CHANGE', 'PATTERN_BREAK', 'THRESHOLD_BREACH'] as const;
export const ANOMALY_SEVERITIES = ['HIGH', 'MEDIUM', 'LOW'] as const;
export const SENSITIVITIES = ['LOW', 'MEDIUM', 'HIGH', 'EXTREME'] as const;

/** An anomaly found in one series (intelligence-engine `/api/v1/analysis`); also the payload of ANOMALY_DETECTED. */
export interface AnomalyDetection {
  id: string;
  cluster_id: string;
  metric_name: string;
  labels: Record<string, string>;
  detection_type: 'STATISTICAL' | 'ML_BASED' | 'LLM_ASSISTED';
  severity: (typeof ANOMALY_SEVERITIES)[number];
  anomaly_type: (typeof ANOMALY_TYPES)[number];
  confidence_score: number;
  expected_value?: number | null;
  actual_value?: number | null;
  deviation_percent?: number | null;
  explanation?: string | null;
  detected_at: string;
  related_alerts: string[];
}

export interface AnomalyAnalysis {
  series_analyzed: number;
  points_analyzed: number;
  anomalies: AnomalyDetection[];
  warnings: string[];
}

export interface RcaEvidence {
  kind: string;
  name: string;
  at?: string | null;
  /** alert:<fingerprint>, anomaly:<id>, intent:<id>, cnf:<id>, package_revision:<name>, fcaps:<event id> */
  reference?: string | null;
}

export interface CandidateCause {
  rank: number;
  object_id: string;
  object_kind: string;
  confidence: number;
  explained_objects: number;
  explanation: string;
  recommendation?: string | null;
  evidence: RcaEvidence[];
}

export interface RcaResult {
  analysis_id: string;
  cluster_id?: string | null;
  cluster_name?: string | null;
  trigger_kind: string;
  trigger_ref: string;
  window_start: string;
  window_end: string;
  summary: string;
  causes: CandidateCause[];
  objects_considered: number;
  signals_considered: number;
  explanation_source: string;
  warnings: string[];
  created_at: string;
}

export interface Explanation {
  subject_kind: string;
  subject_ref: string;
  explanation: string;
  probable_cause?: string | null;
  confidence: number;
  analysis_id?: string | null;
  source: string;
}

/** Payload of RCA_COMPLETE. */
export interface RcaCompletedEvent {
  analysis_id: string;
  cluster_id?: string | null;
  summary: string;
  probable_causes: string[];
  recommendations: string[];
  related_alerts: string[];
  confidence_score: number;
}
