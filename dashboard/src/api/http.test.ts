import { apiAll } from './http';

describe('apiAll', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads every page of a list, in order, asking for pages of the platform maximum', async () => {
    const all = Array.from({ length: 250 }, (_, i) => ({ name: `edge-${String(i).padStart(4, '0')}` }));
    const urls: string[] = [];
    vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
      const url = new URL(String(input), 'http://console.test');
      urls.push(`${url.pathname}${url.search}`);
      const page = Number(url.searchParams.get('page'));
      const size = Number(url.searchParams.get('page_size'));
      const body = { items: all.slice((page - 1) * size, page * size), total: all.length, page, page_size: size, total_pages: Math.ceil(all.length / size) };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    });

    const items = await apiAll<{ name: string }>('/api/v1/clusters?sort=name');

    expect(items).toEqual(all);
    expect(urls.sort()).toEqual([1, 2, 3].map((p) => `/api/v1/clusters?sort=name&page=${p}&page_size=100`));
  });
});
