// Starts the design systems' scripts. Pages work without them; a module
// script runs only in browsers that support GOV.UK Frontend, so marking the
// body here (rather than in an inline script, which the CSP forbids) keeps
// older browsers on the plain version. The imports are relative so that
// they load from the same fingerprinted path as this file.
import { initAll as initGOVUK } from "./govuk-frontend.min.js";
import { initAll as initMoJ } from "./moj-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initGOVUK();
initMoJ();
