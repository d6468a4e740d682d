import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parseSse } from '../api/sse';
import { applyChatEvent, ChatTranscript, EMPTY_ANSWER } from './ChatTranscript';

// a fallback turn as intelligence-engine streams it (SseEmitter: "event:" and "data:" lines)
const STREAM = [
  'event:message_start\ndata:{"id":"m-2","session_id":"s-1","role":"ASSISTANT","content":"","model":"fallback","tool_calls":[],"tool_results":[]}\n\n',
  'event:tool_use\ndata:{"id":"fallback-1","name":"list_clusters","arguments":{"page_size":20}}\n\n',
  'event:tool_result\ndata:{"tool_call_id":"fallback-1","status":"SUCCESS","result":{"total":1},"error":null}\n\n',
  'event:content_delta\ndata:{"delta":"[Fallback assistant] **1** cluster"}\n\n',
  'event:content_delta\ndata:{"delta":" is registered:\\n\\n- edge-1"}\n\n',
].join('');

describe('chat stream rendering', () => {
  it('splits server-sent events, keeping an unfinished one for the next chunk', () => {
    const { events, rest } = parseSse(STREAM.slice(0, 150));
    expect(events).toHaveLength(1);
    expect(events[0].event).toBe('message_start');
    expect(rest.length).toBeGreaterThan(0);
    expect(parseSse(STREAM).events.map((e) => e.event)).toEqual(['message_start', 'tool_use', 'tool_result', 'content_delta', 'content_delta']);
  });

  it('renders the streamed answer as Markdown, labels the fallback and folds the tool call away', async () => {
    let answer = EMPTY_ANSWER;
    for (const event of parseSse(STREAM).events) answer = applyChatEvent(answer, event.event, JSON.parse(event.data));
    render(<ChatTranscript messages={[{ id: 'm-1', session_id: 's-1', role: 'USER', content: 'how many clusters?', tool_calls: [], tool_results: [], created_at: '' }]} streaming={answer} />);

    const conversation = screen.getByRole('list', { name: 'Conversation' });
    expect(within(conversation).getByText('how many clusters?')).toBeInTheDocument();
    expect(screen.getByText('Fallback assistant (no language model)')).toBeInTheDocument();
    expect(screen.getByText('1').tagName).toBe('STRONG');
    expect(screen.getByText('edge-1').tagName).toBe('LI');
    const tool = screen.getByText(/list_clusters/).closest('details')!;
    expect(tool).not.toHaveAttribute('open');
    expect(tool).toHaveTextContent('SUCCESS');
    await userEvent.click(within(tool).getByText(/Tool/));
    expect(tool).toHaveAttribute('open');
    expect(tool).toHaveTextContent('"page_size": 20');
  });

  it('drops a failed model\'s partial answer when the stream says reset', () => {
    let answer = applyChatEvent(EMPTY_ANSWER, 'content_delta', { delta: 'Half an answer that ' });
    answer = applyChatEvent(answer, 'content_delta', { delta: '', reset: true });
    answer = applyChatEvent(answer, 'content_delta', { delta: 'The whole answer.' });
    expect(answer.content).toBe('The whole answer.');
  });

  it('shows a stream error with its code', () => {
    const answer = applyChatEvent(EMPTY_ANSWER, 'error', { code: 'MODEL_NOT_AVAILABLE', message: 'No model answered' });
    render(<ChatTranscript messages={[]} streaming={answer} />);
    expect(screen.getByRole('alert')).toHaveTextContent('MODEL_NOT_AVAILABLE: No model answered');
  });
});
