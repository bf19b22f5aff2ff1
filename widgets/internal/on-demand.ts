import type { CSSResult, LitElement, TemplateResult } from 'lit';
import type { Language } from './i18n.ts';
import { errorState, loadingState } from './states.ts';

/**
 * Code an element loads the first time it shows it (a dashboard's closed tab, the embed-code
 * generator), so a visit that never opens it never downloads it. One load per page, shared by
 * every element that asks; a failed load shows the error state, whose retry button asks again.
 * The module's `styles`, if it exports any, join the element's own when it first renders there.
 */
export class OnDemand<M extends object> {
  private module: M | undefined;
  private loading: Promise<void> | undefined;
  private failed = false;

  constructor(private readonly load: () => Promise<M>) {}

  /**
   * What `render` makes of the module once it is loaded; until then `meanwhile` if given (a
   * plainer rendering the module enhances, also kept if the load fails), else the loading or
   * error state.
   */
  render(host: LitElement, language: Language, render: (module: M) => TemplateResult, meanwhile?: TemplateResult): TemplateResult {
    const module = this.module;
    if (module) {
      const sheet = (module as { styles?: CSSResult }).styles?.styleSheet;
      const root = host.renderRoot;
      if (sheet && root instanceof ShadowRoot && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      return render(module);
    }
    if (this.failed)
      return (
        meanwhile ??
        errorState(language, () => {
          this.failed = false;
          host.requestUpdate();
        })
      );
    this.loading ??= this.load()
      .then(
        (loaded) => void (this.module = loaded),
        () => void (this.failed = true),
      )
      .finally(() => (this.loading = undefined));
    // every element that asked renders again when the load ends
    void this.loading.then(() => host.requestUpdate());
    return meanwhile ?? loadingState(language);
  }
}
