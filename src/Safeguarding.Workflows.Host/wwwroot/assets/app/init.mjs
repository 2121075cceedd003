// Progressive enhancement only: every page works without JavaScript. A module script (not inline, which the content
// security policy refuses) marks the page as supported and starts GOV.UK Frontend's components.
import { initAll, isSupported } from '/assets/govuk/govuk-frontend.min.js';

document.body.classList.add('js-enabled');
if (isSupported()) {
  document.body.classList.add('govuk-frontend-supported');
  initAll();
}
