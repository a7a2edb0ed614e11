// Just enough of the DOM to type the functions the tests run inside the page (page.evaluate, whose
// source is shipped to Chromium). The project's tsconfig has no DOM lib on purpose: src/ is Node code,
// and a global DOM would let browser-only calls slip into it. A test file declares what it uses:
//   declare const document: Doc;

export interface El {
  getAttribute(name: string): string | null;
  closest(selector: string): El | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): Iterable<El>;
  getBoundingClientRect(): { left: number; top: number; width: number; height: number };
  scrollIntoView(opts?: { block?: 'start' | 'center' | 'end' | 'nearest' }): void;
  readonly textContent: string | null;
  readonly innerText: string;
}

export interface Doc {
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): Iterable<El>;
  readonly body: El;
  readonly cookie: string;
}

/** The part of an ECharts instance the tests use (window.__callkpiCharts[id]). */
export interface EChart {
  convertToPixel(finder: Record<string, number>, value: (number | string)[]): number[];
  getOption(): Record<string, unknown>;
}

export interface Win {
  __callkpiCharts?: Record<string, EChart>;
}
