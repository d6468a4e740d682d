import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/http';
import { postSse } from '../api/sse';
import type { ChatMessage, ChatSession, Paged, Persona } from '../api/types';
import { applyChatEvent, ChatTranscript, EMPTY_ANSWER, type StreamingAnswer } from '../components/ChatTranscript';
import { Button, Card, Empty, Field, inputClass, ProblemView, Spinner } from '../components/ui';

export default function AssistantPage() {
  const queries = useQueryClient();
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [persona, setPersona] = useState('default');
  const [text, setText] = useState('');
  const [pendingUser, setPendingUser] = useState<ChatMessage | null>(null);
  const [answer, setAnswer] = useState<StreamingAnswer | null>(null);
  const [sendError, setSendError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);

  const personas = useQuery({ queryKey: ['personas'], queryFn: () => api<Paged<Persona>>('/api/v1/personas?page_size=100') });
  const sessions = useQuery({ queryKey: ['chat', 'sessions'], queryFn: () => api<Paged<ChatSession>>('/api/v1/chat/sessions?page_size=50') });
  const messages = useQuery({
    queryKey: ['chat', 'messages', sessionId],
    queryFn: () => api<Paged<ChatMessage>>(`/api/v1/chat/sessions/${sessionId}/messages?page_size=100`),
    enabled: sessionId !== null,
  });
  const create = useMutation({
    mutationFn: () => api<ChatSession>('/api/v1/chat/sessions', { method: 'POST', json: { persona_id: persona } }),
    onSuccess: (session) => {
      setSessionId(session.id);
      queries.invalidateQueries({ queryKey: ['chat', 'sessions'] });
    },
  });

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!sessionId || !text.trim()) return;
    const content = text.trim();
    setText('');
    setSendError(null);
    setSending(true);
    setPendingUser({ id: 'pending', session_id: sessionId, role: 'USER', content, tool_calls: [], tool_results: [], created_at: new Date().toISOString() });
    let current = EMPTY_ANSWER;
    setAnswer(current);
    try {
      await postSse(`/api/v1/chat/sessions/${sessionId}/stream`, { content, persona_id: persona }, (event) => {
        let data: unknown = {};
        try { data = JSON.parse(event.data); } catch { data = {}; }
        current = applyChatEvent(current, event.event, data);
        setAnswer(current);
      });
      await queries.invalidateQueries({ queryKey: ['chat', 'messages', sessionId] });
      queries.invalidateQueries({ queryKey: ['chat', 'sessions'] }); // message counts and titles
      if (!current.error) setAnswer(null);
      setPendingUser(null);
    } catch (error) {
      setSendError(error);
      setAnswer(null);
    } finally {
      setSending(false);
    }
  };

  const shown = [...(messages.data?.items ?? []), ...(pendingUser && !messages.data?.items.some((m) => m.content === pendingUser.content && m.role === 'USER') ? [pendingUser] : [])];

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Assistant</h1>
      <div className="grid gap-4 md:grid-cols-[16rem_1fr]">
        <Card title="Conversations">
          <div className="mb-3 space-y-2">
            <Field label="Persona">
              <select className={inputClass} value={persona} onChange={(e) => setPersona(e.target.value)}>
                {(personas.data?.items ?? [{ id: 'default', name: 'Default' } as Persona]).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
              </select>
            </Field>
            <Button onClick={() => create.mutate()} disabled={create.isPending}>New conversation</Button>
            <ProblemView error={create.error ?? personas.error} />
          </div>
          {sessions.isPending ? <Spinner /> : sessions.isError ? <ProblemView error={sessions.error} /> :
            sessions.data.items.length === 0 ? <Empty>No conversations yet.</Empty> : (
              <ul className="space-y-1 text-sm">
                {sessions.data.items.map((s) => (
                  <li key={s.id}>
                    <button type="button" onClick={() => { setSessionId(s.id); setPersona(s.persona_id); }}
                      className={`w-full rounded px-2 py-1 text-left ${s.id === sessionId ? 'bg-blue-100 dark:bg-blue-900' : 'hover:bg-slate-100 dark:hover:bg-slate-700'}`}>
                      {s.title || 'Untitled'} <span className="text-xs">({s.message_count})</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
        </Card>
        <Card title={sessionId ? 'Conversation' : 'Start or pick a conversation'}>
          {sessionId === null ? <Empty>Pick a persona and start a new conversation.</Empty> : (
            <div className="space-y-3">
              {messages.isPending ? <Spinner /> : messages.isError ? <ProblemView error={messages.error} /> : <ChatTranscript messages={shown} streaming={answer} />}
              <ProblemView error={sendError} />
              <form onSubmit={send} className="flex gap-2" aria-label="Send a message">
                <label className="sr-only" htmlFor="chat-input">Message</label>
                <textarea id="chat-input" className={`${inputClass} flex-1`} rows={2} value={text} onChange={(e) => setText(e.target.value)}
                  onKeyDown={(e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); (e.currentTarget.form as HTMLFormElement).requestSubmit(); } }} />
                <Button type="submit" disabled={sending || !text.trim()}>Send</Button>
              </form>
            </div>
          )}
        </Card>
      </div>
    </div>
  );
}
