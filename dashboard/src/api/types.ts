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
