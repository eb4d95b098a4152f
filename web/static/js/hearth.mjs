// Starts the design systems' scripts. Pages work without them; a module
// script runs only in browsers that support GOV.UK Frontend, so marking the
// body here (rather than in an inline script, which the CSP forbids) keeps
// older browsers on the plain version.
import { initAll as initGOVUK } from "/static/js/govuk-frontend.min.js";
import { initAll as initMoJ } from "/static/js/moj-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initGOVUK();
initMoJ();
