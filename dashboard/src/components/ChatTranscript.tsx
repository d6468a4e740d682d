import Markdown from 'react-markdown';
import type { ChatMessage, ToolCall, ToolResult } from '../api/types';

/** An answer being streamed: what message_start, tool_use, tool_result and content_delta said so far. */
export interface StreamingAnswer {
  id: string | null;
  model: string | null;
  content: string;
  tool_calls: ToolCall[];
  tool_results: ToolResult[];
  error: { code: string; message: string } | null;
}

export const EMPTY_ANSWER: StreamingAnswer = { id: null, model: null, content: '', tool_calls: [], tool_results: [], error: null };

/** Folds one SSE event of POST /api/v1/chat/sessions/{id}/stream into the answer. */
export function applyChatEvent(answer: StreamingAnswer, event: string, data: unknown): StreamingAnswer {
  const d = data as Record<string, unknown>;
  switch (event) {
    case 'message_start':
      return { ...answer, id: String(d.id ?? ''), model: (d.model as string) ?? answer.model };
    case 'tool_use':
      return { ...answer, tool_calls: [...answer.tool_calls, d as unknown as ToolCall] };
    case 'tool_result':
      return { ...answer, tool_results: [...answer.tool_results, d as unknown as ToolResult] };
    case 'content_delta':
      // reset: the model that streamed so far failed and the next one starts over
      return { ...answer, content: (d.reset ? '' : answer.content) + String(d.delta ?? '') };
    case 'message_complete': {
      const m = d as unknown as ChatMessage;
      return { ...answer, id: m.id, model: m.model ?? answer.model, content: m.content, tool_calls: m.tool_calls, tool_results: m.tool_results };
    }
    case 'error':
      return { ...answer, error: { code: String(d.code ?? 'ERROR'), message: String(d.message ?? '') } };
    default:
      return answer;
  }
}

function Tools({ calls, results }: { calls: ToolCall[]; results: ToolResult[] }) {
  if (calls.length === 0) return null;
  return (
    <div className="mt-2 space-y-1">
      {calls.map((call) => {
        const result = results.find((r) => r.tool_call_id === call.id);
        return (
          <details key={call.id} className="rounded border border-slate-300 bg-slate-50 p-2 text-xs dark:border-slate-600 dark:bg-slate-900">
            <summary className="cursor-pointer">
              Tool <code>{call.name}</code>{result ? ` · ${result.status}` : ' · running…'}
            </summary>
            <p className="mt-1 font-semibold">Arguments</p>
            <pre className="overflow-x-auto whitespace-pre-wrap">{JSON.stringify(call.arguments, null, 2)}</pre>
            {result && (
              <>
                <p className="mt-1 font-semibold">Result</p>
                <pre className="max-h-60 overflow-auto whitespace-pre-wrap">{result.error ?? JSON.stringify(result.result, null, 2)}</pre>
              </>
            )}
          </details>
        );
      })}
    </div>
  );
}

function Bubble({ role, model, content, calls, results, streaming }: {
  role: string; model?: string | null; content: string; calls: ToolCall[]; results: ToolResult[]; streaming?: boolean;
}) {
  const user = role === 'USER';
  return (
    <li className={`flex ${user ? 'justify-end' : 'justify-start'}`} data-role={role}>
      <div className={`max-w-[85%] rounded-lg p-3 text-sm ${user ? 'bg-blue-700 text-white' : 'border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-800'}`}>
        {!user && model === 'fallback' && (
          <p className="mb-1 inline-block rounded bg-amber-100 px-1.5 text-xs font-semibold text-amber-900">Fallback assistant (no language model)</p>
        )}
        {!user && model && model !== 'fallback' && <p className="mb-1 text-xs text-slate-700 dark:text-slate-300">{model}</p>}
        <div className="prose-sm space-y-2 [&_code]:font-mono [&_pre]:overflow-x-auto [&_ul]:list-disc [&_ul]:pl-5">
          {user ? <p className="whitespace-pre-wrap">{content}</p> : <Markdown>{content}</Markdown>}
          {streaming && <span aria-label="Answer in progress" className="inline-block h-3 w-1 animate-pulse bg-current" />}
        </div>
        <Tools calls={calls} results={results} />
      </div>
    </li>
  );
}

export function ChatTranscript({ messages, streaming }: { messages: ChatMessage[]; streaming: StreamingAnswer | null }) {
  return (
    <ol aria-label="Conversation" className="space-y-3">
      {messages.filter((m) => m.role === 'USER' || m.role === 'ASSISTANT').map((m) => (
        <Bubble key={m.id} role={m.role} model={m.model} content={m.content} calls={m.tool_calls} results={m.tool_results} />
      ))}
      {streaming && (
        <Bubble role="ASSISTANT" model={streaming.model} content={streaming.content} calls={streaming.tool_calls} results={streaming.tool_results} streaming={!streaming.error} />
      )}
      {streaming?.error && (
        <li role="alert" className="text-sm text-red-800 dark:text-red-300">{streaming.error.code}: {streaming.error.message}</li>
      )}
    </ol>
  );
}
