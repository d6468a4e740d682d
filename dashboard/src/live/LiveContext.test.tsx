import { act, renderHook } from '@testing-library/react';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useThrottledInvalidate } from './LiveContext';

describe('useThrottledInvalidate', () => {
  afterEach(() => vi.useRealTimers());

  it('turns a burst of events into one refetch at once and one at the end of the window, never losing the last', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    let fetches = 0;
    const client = new QueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
    const { result } = renderHook(() => {
      useQuery({ queryKey: ['fleet', 'clusters'], queryFn: async () => ++fetches });
      return useThrottledInvalidate(1000);
    }, { wrapper });
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(fetches).toBe(1);

    await act(async () => {
      result.current(['fleet']);
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(fetches).toBe(2);

    await act(async () => {
      for (let i = 0; i < 200; i++) result.current(['fleet']);
      await vi.advanceTimersByTimeAsync(500);
    });
    expect(fetches).toBe(2); // still inside the window
    await act(() => vi.advanceTimersByTimeAsync(600));
    expect(fetches).toBe(3);
    await act(() => vi.advanceTimersByTimeAsync(5000));
    expect(fetches).toBe(3);
  });
});
