import type { Browser } from 'playwright-core';

/**
 * Milliseconds from inserting a widget's `<script type="module">` into a page to the widget's
 * first data render (its `state` attribute turning to `data`, set in the same update that commits
 * the data template), in a fresh browser context each time (no HTTP cache). The baseline in the
 * same run is the least any embed can do: fetch the same JSON and write it into the page.
 */
export interface RenderMeasure {
  tag: string;
  widgetMs: number;
  baselineMs: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function measureFirstRender(
  browser: Browser,
  base: string,
  widgets: { tag: string; attributes: string; path: string }[],
  runs: number,
): Promise<RenderMeasure[]> {
  const results: RenderMeasure[] = [];
  for (const widget of widgets) {
    const widgetTimes: number[] = [];
    const baselineTimes: number[] = [];
    for (let run = 0; run < runs + 1; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      // A page on the server's origin, so the measurement is not skewed by a blank page's quirks.
      await page.goto(`${base}/healthz`);
      const widgetMs = await page.evaluate(
        ({ base, tag, attributes }) =>
          new Promise<number>((resolve, reject) => {
            document.body.innerHTML = `<${tag} api-base="${base}" ${attributes}></${tag}>`;
            const element = document.body.firstElementChild!;
            const started = performance.now();
            new MutationObserver(() => {
              if (element.getAttribute('state') === 'data') resolve(performance.now() - started);
              if (element.getAttribute('state') === 'error') reject(new Error(`${tag} showed its error state`));
            }).observe(element, { attributes: true, attributeFilter: ['state'] });
            const script = document.createElement('script');
            script.type = 'module';
            script.src = `${base}/widgets/${tag}.js`;
            document.head.append(script);
          }),
        { base, tag: widget.tag, attributes: widget.attributes },
      );
      const baselineMs = await page.evaluate(
        async ({ url }) => {
          const started = performance.now();
          const data = await (await fetch(url)).json();
          const pre = document.createElement('pre');
          pre.textContent = JSON.stringify(data).slice(0, 2000);
          document.body.append(pre);
          pre.getBoundingClientRect();
          return performance.now() - started;
        },
        { url: `${base}${widget.path}` },
      );
      await context.close();
      if (run > 0) {
        // the first run warms the server (its micro-cache, the database's buffers) and is not counted
        widgetTimes.push(widgetMs);
        baselineTimes.push(baselineMs);
      }
    }
    results.push({ tag: widget.tag, widgetMs: median(widgetTimes), baselineMs: median(baselineTimes) });
  }
  return results;
}
