// Connects to the engine's MCP server with the official TypeScript SDK over Streamable HTTP, runs the
// calls the Java test asserts on and prints one JSON document with what came back.
// Usage: node client.mjs <mcp-url> <bearer-token> <cluster-name>
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, token, clusterName] = process.argv.slice(2);
const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${token}` } },
});
const client = new Client({ name: "aiops-ts-test", version: "1.0.0" });
await client.connect(transport);
const listed = await client.listTools();
const clusters = await client.callTool({ name: "list_clusters", arguments: { name: clusterName } });
const metrics = await client.callTool({ name: "query_metrics", arguments: { query: "up", clusters: [clusterName] } });
const bad = await client.callTool({ name: "list_clusters", arguments: { state: "SLEEPING" } });
console.log(JSON.stringify({
  server: client.getServerVersion(),
  tools: listed.tools.map((t) => ({ name: t.name, type: t.inputSchema.type })),
  clusters,
  metrics,
  bad,
}));
await client.close();
