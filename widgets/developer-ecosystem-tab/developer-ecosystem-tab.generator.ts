import { css, html, nothing, type TemplateResult } from 'lit';
import { literal, html as staticHtml } from 'lit/static-html.js';
import { emit } from '../internal/emit.ts';
import type { Language } from '../internal/i18n.ts';
import type { DeveloperImpact } from './developer-ecosystem-tab.api.ts';
import { embedMessages } from './developer-ecosystem-tab.embed.messages.ts';
import { absoluteBase, EMBEDDABLE, type EmbeddableTag, type EmbedOptions, embedCode, needsSession, optionAttributes } from './developer-ecosystem-tab.embed.ts';

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
  /** The colour scheme pinned, or '' to follow the visitor's. */
  theme?: '' | 'light' | 'dark' | undefined;
  /** The language pinned, or '' to follow the page's. */
  locale?: '' | 'en' | 'fr' | undefined;
  /** The widget whose code the preview could not load. */
  previewFailed?: EmbeddableTag | undefined;
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

/**
 * Like a widget configurator: the widget, the badge's app, the colour scheme and the language;
 * a live preview of a public widget with those options; the codes to paste, each with its copy
 * button.
 */
export function renderGenerator(context: GeneratorContext): TemplateResult {
  const { impact, state, apiBase } = context;
  const t = embedMessages[context.language];
  const apps = impact.apps;
  const widget = state.widget;
  const badge = widget === 'partner-powered-badge';
  const appId = apps.some((app) => app.id === state.app) ? state.app : apps[0]?.id;
  const options: EmbedOptions = {
    apiBase: absoluteBase(apiBase),
    widgetsBase: absoluteBase(context.widgetsBase || apiBase),
    appId,
    theme: state.theme || undefined,
    locale: state.locale || undefined,
  };
  const code = badge && !appId ? undefined : embedCode(widget, options);
  return html`<div class="options">
      ${select(
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
      ${select(
        context,
        'theme',
        t.theme,
        [
          ['', t.themeAuto],
          ['light', t.themeLight],
          ['dark', t.themeDark],
        ],
        state.theme ?? '',
      )}
      ${select(
        context,
        'locale',
        t.language,
        [
          ['', t.languageAuto],
          ['en', 'English'],
          ['fr', 'Français'],
        ],
        state.locale ?? '',
      )}
    </div>
    ${code ? preview(context, widget, options) : nothing}
    ${
      !code
        ? html`<p class="muted">${t.noBadge}</p>`
        : code.server && code.curl
          ? html`<p>${t.sessionNote}</p>
            ${codeBlock(context, 'snippet', t.pageCode, code.page)} ${codeBlock(context, 'server', t.serverCode, code.server)} ${codeBlock(context, 'curl', t.curlCode, code.curl)}`
          : codeBlock(context, 'snippet', t.code, code.page)
    }`;
}

/** The tags as static template parts: the preview renders the chosen widget as a real element. */
const TAGS = {
  'ecosystem-impact-card': literal`ecosystem-impact-card`,
  'live-business-feed': literal`live-business-feed`,
  'partner-powered-badge': literal`partner-powered-badge`,
};

/**
 * The chosen public widget, live, with the chosen options, on a light or dark backdrop like the
 * site it will sit on. Its script loads from widgets-base the first time (a page that already has
 * the element uses it). A signed-in widget shows the visitor's own account, so it is previewed on
 * the partner's site, not here.
 */
function preview(context: GeneratorContext, tag: EmbeddableTag, options: EmbedOptions): TemplateResult {
  const t = embedMessages[context.language];
  const body = needsSession(tag)
    ? html`<p class="muted">${t.previewSignedIn}</p>`
    : context.state.previewFailed === tag
      ? html`<p class="muted" role="status">${t.previewFailed}</p>`
      : previewElement(context, tag as keyof typeof TAGS, options);
  return html`<figure class="preview ${options.theme ?? ''}" part="preview">
    <figcaption>${t.preview}</figcaption>
    ${body}
  </figure>`;
}

/** The widget scripts the preview asked for, by URL: each is asked for once. */
const requested = new Set<string>();

function previewElement(context: GeneratorContext, tag: keyof typeof TAGS, options: EmbedOptions): TemplateResult {
  const script = `${options.widgetsBase}/widgets/${tag}.js`;
  if (!customElements.get(tag) && !requested.has(script)) {
    requested.add(script);
    import(/* @vite-ignore */ script).catch(() => {
      requested.delete(script); // asked for again when next shown
      context.set({ previewFailed: tag });
    });
  }
  const pinned = Object.fromEntries(optionAttributes(options));
  return staticHtml`<${TAGS[tag]}
    api-base=${options.apiBase}
    app-id=${tag === 'partner-powered-badge' ? (options.appId ?? '') : nothing}
    theme=${pinned.theme ?? nothing}
    locale=${pinned.locale ?? nothing}
  ></${TAGS[tag]}>`;
}

/** The generator's own styles, which join the element's when it first shows the generator (on-demand.ts). */
export const styles = css`
  .options {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1em;
  }
  .options > label {
    min-width: 0;
    max-width: 100%;
    grid-template-columns: minmax(0, 1fr);
  }
  select {
    font: inherit;
    color: inherit;
    min-height: 2.5em;
    padding: 0 0.5em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
  }
  .preview {
    margin: 0 0 1em;
    padding: 1em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: #f6f8fa;
    color: #1b2330;
    color-scheme: light;
    overflow: auto;
  }
  .preview.dark {
    background: #0d1117;
    color: #e6ebf2;
    color-scheme: dark;
  }
  figcaption {
    font-size: 0.8em;
    margin-bottom: 0.5em;
  }
`;

/** A labelled select that sets `key` (and clears the copy result). */
function select(
  context: GeneratorContext,
  key: 'widget' | 'app' | 'theme' | 'locale',
  label: string,
  options: [string, string][],
  selected: string | undefined,
) {
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
