import { html, nothing, type TemplateResult } from 'lit';
import { emit } from '../internal/emit.ts';
import type { Language } from '../internal/i18n.ts';
import type { DeveloperImpact } from './developer-ecosystem-tab.api.ts';
import { embedMessages } from './developer-ecosystem-tab.embed.messages.ts';
import { absoluteBase, EMBEDDABLE, type EmbeddableTag, embedCode } from './developer-ecosystem-tab.embed.ts';

// The developer tab's embed-code generator: loaded by the element the first time it shows it,
// so a visit that never opens the embed tab does not download it.

/** The generated codes, by the id of their text area. */
type CodeId = 'snippet' | 'server' | 'curl';

/** What the generator keeps between renders, as the element's reactive state. */
export interface GeneratorState {
  /** The widget chosen. */
  widget: EmbeddableTag;
  /** The id of the app chosen for the badge. */
  app?: string | undefined;
  /** The result of the last copy, and which code it copied. */
  copied?: { id: CodeId; result: 'copied' | 'failed' } | undefined;
}

export interface GeneratorContext {
  /** The element: fires the copy event and holds the text areas. */
  host: HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };
  impact: DeveloperImpact;
  language: Language;
  /** The app choice's label, shared with the apps table. */
  appLabel: string;
  apiBase: string | null;
  widgetsBase: string | null;
  state: GeneratorState;
  /** Changes the state (the element renders again). */
  set(change: Partial<GeneratorState>): void;
}

/** The widget choice, the badge's app choice, and the codes to paste, each with its copy button. */
export function renderGenerator(context: GeneratorContext): TemplateResult {
  const { impact, state, apiBase } = context;
  const t = embedMessages[context.language];
  const apps = impact.apps;
  const widget = state.widget;
  const badge = widget === 'partner-powered-badge';
  const appId = apps.some((app) => app.id === state.app) ? state.app : apps[0]?.id;
  const code =
    badge && !appId ? undefined : embedCode(widget, { apiBase: absoluteBase(apiBase), widgetsBase: absoluteBase(context.widgetsBase || apiBase), appId });
  return html`${select(
    context,
    'widget',
    t.widget,
    EMBEDDABLE.map((tag) => [tag, t[tag]]),
    widget,
  )}
    ${
      badge && appId
        ? select(
            context,
            'app',
            context.appLabel,
            apps.map((app) => [app.id, app.name]),
            appId,
          )
        : nothing
    }
    ${
      !code
        ? html`<p class="muted">${t.noBadge}</p>`
        : code.server && code.curl
          ? html`<p>${t.sessionNote}</p>
            ${codeBlock(context, 'snippet', t.pageCode, code.page)} ${codeBlock(context, 'server', t.serverCode, code.server)} ${codeBlock(context, 'curl', t.curlCode, code.curl)}`
          : codeBlock(context, 'snippet', t.code, code.page)
    }`;
}

/** A labelled select that sets `key` (and clears the copy result). */
function select(context: GeneratorContext, key: 'widget' | 'app', label: string, options: [string, string][], selected: string | undefined) {
  return html`<label>
    ${label}
    <select id=${key} @change=${(event: Event) => context.set({ [key]: (event.target as HTMLSelectElement).value, copied: undefined })}>
      ${options.map(([value, text]) => html`<option value=${value} ?selected=${value === selected}>${text}</option>`)}
    </select>
  </label>`;
}

/** One generated code, read-only, with its copy button. */
function codeBlock(context: GeneratorContext, id: CodeId, label: string, code: string): TemplateResult {
  const t = embedMessages[context.language];
  const copied = context.state.copied;
  const result = copied?.id === id ? copied.result : undefined;
  return html`<label id="${id}-label" for=${id}>${label}</label>
    <textarea id=${id} part="snippet" readonly rows=${Math.min(12, Math.max(5, code.split('\n').length + 1))} spellcheck="false" .value=${code}></textarea>
    <div class="copy-row">
      <button part="button" aria-describedby="${id}-label" @click=${() => copy(context, id, code)}>${t.copy}</button>
      <p class="copy-result ${result ?? ''}" role="status" aria-live="polite">${result ? t[result] : ''}</p>
    </div>`;
}

async function copy({ host, state, set }: GeneratorContext, id: CodeId, code: string) {
  const tag = state.widget;
  try {
    await navigator.clipboard.writeText(code);
    set({ copied: { id, result: 'copied' } });
    emit(host, 'embed-code-copied', { tag });
  } catch {
    // No clipboard (insecure page, denied permission): leave the code selected for a manual copy.
    set({ copied: { id, result: 'failed' } });
    const area = host.renderRoot.querySelector<HTMLTextAreaElement>(`#${id}`);
    area?.focus();
    area?.select();
  }
}
