// Progressive enhancement only: every page works without JavaScript. A module script (not inline, which the content
// security policy refuses) marks the page as one GOV.UK Frontend supports (browsers that run modules) and starts
// its components: the error summary takes focus, its links move to the field's label or legend.
import { initAll } from '/assets/govuk/govuk-frontend.min.js';

document.body.classList.add('js-enabled');
if ('noModule' in HTMLScriptElement.prototype) {
  document.body.classList.add('govuk-frontend-supported');
  initAll();
}
